import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { RECORDINGS_API_PATH, WS_PATH } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostOf, servedHosts } from './host-check.ts';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';

let sockscope: SockscopeServer;
let port: number;

beforeAll(async () => {
  const store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-hosts-')));
  const hosts = servedHosts('127.0.0.1', { SOCKSCOPE_ALLOWED_HOSTS: 'classroom.example, 10.1.2.3' });
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', store }), { serverVersion: 'test', store, hosts });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

/** A request to this server on loopback with a Host header of our choosing, as a rebinding page's browser sends it. */
function request(method: string, urlPath: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

function upgrade(headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { headers });
    ws.on('open', () => { ws.close(); resolve('open'); });
    ws.on('unexpected-response', (_, response) => resolve(response.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('DNS rebinding', () => {
  const evil = () => ({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` });

  it('refuses a foreign Host on every HTTP path, whatever the Origin says', async () => {
    for (const [method, urlPath] of [['GET', RECORDINGS_API_PATH], ['DELETE', `${RECORDINGS_API_PATH}/20260101-000000-abcdef`], ['GET', '/'], ['GET', '/healthz']] as const) {
      const answer = await request(method, urlPath, evil());
      expect(answer.status, `${method} ${urlPath}`).toBe(403);
      expect(answer.body).toContain('SOCKSCOPE_ALLOWED_HOSTS');
    }
    expect((await request('GET', RECORDINGS_API_PATH, { host: `evil.example:${port}` })).status).toBe(403);
  });

  it('refuses a foreign Host on the WebSocket, whatever the Origin says', async () => {
    expect(await upgrade(evil())).toBe(403);
    expect(await upgrade({ host: `evil.example:${port}` })).toBe(403);
  });

  it('answers to loopback names, and to the names SOCKSCOPE_ALLOWED_HOSTS adds', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, `classroom.example:${port}`, '10.1.2.3']) {
      expect((await request('GET', RECORDINGS_API_PATH, { host })).status, host).toBe(200);
    }
    expect(await upgrade({ host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe('open');
    expect(await upgrade({ host: `classroom.example:${port}`, origin: `http://classroom.example:${port}` })).toBe('open');
  });
});

describe('servedHosts', () => {
  it('adds the machine\'s own addresses and name only when it listens on all of them', () => {
    const loopback = servedHosts('127.0.0.1', {});
    expect([...loopback].sort()).toEqual(['127.0.0.1', '::1', 'localhost']);
    const everywhere = servedHosts('0.0.0.0', {});
    expect(everywhere.has(hostname().toLowerCase())).toBe(true);
    expect(everywhere.has('127.0.0.1')).toBe(true);
    expect(servedHosts('::', {}).has(hostname().toLowerCase())).toBe(true);
    expect(servedHosts('192.0.2.7', {}).has('192.0.2.7')).toBe(true);
  });

  it('reads a Host header as browsers send it', () => {
    expect(hostOf('[::1]:8080')).toBe('::1');
    expect(hostOf('Evil.Example:80')).toBe('evil.example');
    expect(hostOf('')).toBeUndefined();
    expect(hostOf('a b')).toBeUndefined();
  });
});
