import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

const run = promisify(execFile);

// A second machine for real: a network namespace joined to this one by a veth pair, so its
// requests arrive from an address this machine does not have, as a student's laptop's would.
const NAME = `sockscope-peer-${process.pid}`;
const HOST_SIDE = `ssh${process.pid % 100000}`;
const net = 10 + (process.pid % 200);
const THIS_ADDRESS = `10.213.${net}.1`;
const PEER_ADDRESS = `10.213.${net}.2`;

let sockscope: SockscopeServer;
let store: RecordingStore;
let port: number;
let recordingId: string;

/** Runs a Node script on the other machine; it prints one JSON line. */
async function fromPeer(script: string): Promise<unknown> {
  const { stdout } = await run('ip', ['netns', 'exec', NAME, process.execPath, '-e', script], { timeout: 15_000 });
  return JSON.parse(stdout.trim()) as unknown;
}

const requestScript = (method: string, url: string, body?: string) =>
  `fetch(${JSON.stringify(url)}, { method: ${JSON.stringify(method)}, ${body ? `body: ${JSON.stringify(body)}, headers: { 'content-type': 'application/json' }` : ''} })
    .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })))`;

beforeAll(async () => {
  await run('ip', ['netns', 'add', NAME]);
  await run('ip', ['link', 'add', HOST_SIDE, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NAME]);
  await run('ip', ['addr', 'add', `${THIS_ADDRESS}/30`, 'dev', HOST_SIDE]);
  await run('ip', ['link', 'set', HOST_SIDE, 'up']);
  await run('ip', ['netns', 'exec', NAME, 'ip', 'addr', 'add', `${PEER_ADDRESS}/30`, 'dev', 'eth0']);
  await run('ip', ['netns', 'exec', NAME, 'ip', 'link', 'set', 'eth0', 'up']);
  store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-peer-')));
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', store }), {
    serverVersion: 'test', store, hosts: new Set(['127.0.0.1', THIS_ADDRESS]),
  });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '0.0.0.0', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
  const client = await TestClient.connect(port);
  client.send({ type: 'create-session', scenario: 'udp-echo', capture: 'off', requestId: 'new' });
  const { session } = await client.next('session', (m) => m.requestId === 'new');
  client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
  client.send({ type: 'run', sessionId: session.id, paceMs: 0 });
  const finished = await client.next('session', (m) => m.session.status === 'finished', 0, 20_000);
  await client.close();
  recordingId = finished.session.recordingId ?? '';
}, 60_000);

afterAll(async () => {
  await sockscope?.close();
  await run('ip', ['link', 'del', HOST_SIDE]).catch(() => undefined);
  await run('ip', ['netns', 'del', NAME]).catch(() => undefined);
});

describe('renaming and deleting recordings', () => {
  it('are refused, in words, to a browser on another machine, which may still read them', async () => {
    const url = `http://${THIS_ADDRESS}:${port}/api/recordings/${recordingId}`;
    for (const [method, body] of [['PATCH', JSON.stringify({ name: 'taken over' })], ['DELETE', undefined]] as const) {
      const answer = await fromPeer(requestScript(method, url, body)) as { status: number; body: unknown };
      expect(answer.status).toBe(403);
      expect(ApiError.parse(answer.body).error).toEqual({ code: 'not-this-machine', message: 'only a browser on the machine that runs sockscope may rename or delete recordings' });
    }
    const read = await fromPeer(`fetch(${JSON.stringify(`http://${THIS_ADDRESS}:${port}/api/recordings`)}).then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })))`) as { status: number; body: { recordings: { id: string; name: string }[] } };
    expect(read.status).toBe(200);
    expect(read.body.recordings.find((r) => r.id === recordingId)?.name).not.toBe('taken over');
  });

  it('are done for this machine, by its LAN address as by loopback', async () => {
    const renamed = await fetch(`http://${THIS_ADDRESS}:${port}/api/recordings/${recordingId}`, {
      method: 'PATCH', body: JSON.stringify({ name: 'kept' }), headers: { 'content-type': 'application/json' },
    });
    expect(renamed.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/recordings/${recordingId}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('a page tells by the welcome whether it is on this machine, to offer Rename and Delete only there', async () => {
    const local = await TestClient.connect(port);
    expect((await local.next('welcome')).thisMachine).toBe(true);
    await local.close();
    const ws = createRequire(import.meta.url).resolve('ws');
    const welcome = await fromPeer(`const WebSocket = require(${JSON.stringify(ws)});
      const socket = new WebSocket(${JSON.stringify(`ws://${THIS_ADDRESS}:${port}/ws`)});
      socket.on('message', (data) => { const m = JSON.parse(String(data)); if (m.type === 'welcome') { console.log(JSON.stringify(m)); socket.close(); } });`) as { thisMachine?: boolean };
    expect(welcome.thisMachine).toBe(false);
  });
});
