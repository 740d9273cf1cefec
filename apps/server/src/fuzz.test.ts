import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError, RECORDINGS_API_PATH, type ServerMessage } from '@sockscope/protocol';
import { importIntoStore, RecordingStore } from '@sockscope/recordings';
import { FUZZ, TEST_CAPTURES } from '@sockscope/wire/test-captures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

// The real server's WebSocket and HTTP handlers, fed mutated messages and requests. What may come
// back: a valid reply or an error in words (TestClient validates every message it receives), never
// `internal` or a 500, and the server goes on serving.
let sockscope: SockscopeServer;
let port: number;
let recordingId: string;
const sessionIds: string[] = [];
/** A class opened before the fuzz, so that joins and views reach a real one too. */
let classCode: string;
let capture: Uint8Array;

beforeAll(async () => {
  const store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-fuzz-')));
  capture = new Uint8Array(await readFile(path.join(TEST_CAPTURES, 'dns_tcp.pcap')));
  recordingId = (await importIntoStore(store, capture, { file: 'dns_tcp.pcap' })).recording.id;
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', maxSessions: 4 }), { serverVersion: 'fuzz', store, maxImportBytes: 64 * 1024 });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
  const client = await TestClient.connect(port);
  for (const scenario of ['udp-echo', 'tcp-echo']) {
    client.send({ type: 'create-session', scenario, requestId: scenario });
    sessionIds.push((await client.next('session', (m) => m.requestId === scenario)).session.id);
  }
  client.send({ type: 'open-class', requestId: 'class' });
  classCode = (await client.next('class', (m) => m.requestId === 'class')).code;
  await client.close();
});

afterAll(() => sockscope.close());

const json = fc.jsonValue({ maxDepth: 3 });
const written = {
  name: 'fuzzed', title: 'Fuzzed', description: '', proto: 'udp', message: 'hi',
  steps: [{ op: 'socket', side: 'server' }, { op: 'bind', side: 'server' }, { op: 'sendto', side: 'client', data: 'message' }],
};

/** A message the page could send, before mutation. */
const template = fc.oneof(
  fc.constant({ type: 'list-scenarios' }),
  fc.constantFrom('udp-echo', 'tcp-nope', written).map((scenario) => ({ type: 'create-session', scenario })),
  ...['subscribe', 'unsubscribe', 'step', 'run', 'pause', 'deliver', 'drop', 'reset'].map((type) =>
    fc.record({ type: fc.constant(type), sessionId: fc.constantFrom(...['s-none', 'x'.repeat(70)], ...['0', '1'].map(Number).map((i) => `@${i}`)) })),
  fc.record({ type: fc.constant('ask'), sessionId: fc.constantFrom('s-none', '@0', '@1'), after: fc.nat(40) }),
  ...['answer', 'reveal'].map((type) => fc.record({
    type: fc.constant(type), sessionId: fc.constantFrom('s-none', '@0', '@1'), questionId: fc.constantFrom('q', 'x'.repeat(70)), choice: fc.nat(5),
  })),
  fc.constant({ type: 'open-class' }),
  fc.record({ type: fc.constant('join-class'), code: fc.constantFrom('@class', 'ZZZZZ', 'O0I1!', '') }),
  fc.record({
    type: fc.constant('class-view'), code: fc.constantFrom('@class', 'ZZZZZ'),
    view: fc.record({
      shown: fc.constantFrom({ kind: 'live', sessions: ['@0'] }, { kind: 'recording', id: 'r', name: 'n', tracks: ['t1'] }),
      cursor: fc.array(fc.option(fc.nat(40), { nil: null }), { maxLength: 2 }), focus: fc.nat(1),
      selected: fc.constant(null), timeMode: fc.constantFrom('event', 'proportional'), zoomIndex: fc.nat(9),
    }),
  }),
).map((message) => ({ v: 1, ...message }) as Record<string, unknown>);

/** Real session ids stand in for `@0`, `@1` once they are known. */
const withIds = (message: Record<string, unknown>) => {
  const withClass = message.code === '@class' ? { ...message, code: classCode } : message;
  return typeof message.sessionId === 'string' && message.sessionId.startsWith('@') ? { ...withClass, sessionId: sessionIds[Number(message.sessionId.slice(1))] } : withClass;
};

const mutated = fc.oneof(
  template.map(withIds),
  fc.tuple(template, fc.string({ maxLength: 12 }), json).map(([message, key, value]) => ({ ...withIds(message), [key]: value })),
  fc.tuple(template, fc.constantFrom('v', 'type', 'sessionId', 'scenario', 'afterId', 'paceMs', 'packet', 'hold', 'requestId', 'code', 'view'), json)
    .map(([message, key, value]) => ({ ...withIds(message), [key]: value })),
  fc.tuple(template, fc.nat()).map(([message, n]) => {
    const keys = Object.keys(message);
    const { [keys[n % keys.length]!]: _dropped, ...rest } = withIds(message);
    return rest;
  }),
  json,
).map((value) => JSON.stringify(value));
const raw = fc.oneof(mutated, fc.string({ maxLength: 200 }), fc.constant('{'), fc.constant(''));

/** A bounded run's limit; npm run fuzz's million inputs take as long as they take. */
const LIMIT_MS = FUZZ.numRuns > 10_000 ? 0 : 600_000;

const internal = (messages: ServerMessage[]) => messages.filter((m) => m.type === 'error' && m.code === 'internal');

describe('the WebSocket fuzzed', () => {
  it('answers mutated messages with replies or errors in words, and keeps serving', async () => {
    let client = await TestClient.connect(port);
    let sent = 0;
    const problems: ServerMessage[] = [];
    await fc.assert(fc.asyncProperty(raw, async (text) => {
      // The server takes 60 messages at once from one client: a fresh client before that.
      if (sent === 50) {
        problems.push(...internal(client.received));
        client.send({ type: 'list-scenarios', requestId: 'ping' });
        await client.next('scenarios', (m) => m.requestId === 'ping');
        await client.close();
        client = await TestClient.connect(port);
        sent = 0;
      }
      client.send(text);
      sent += 1;
      expect(client.ws.readyState).toBe(WebSocket.OPEN);
      // Found by a million-input run: a refused message's requestId was echoed even when the schema refuses it.
    }), { ...FUZZ, examples: [['{"v":1,"type":"step","requestId":""}'], [`{"type":"x","requestId":"${'r'.repeat(65)}"}`]] });
    client.send({ type: 'list-scenarios', requestId: 'last' });
    await client.next('scenarios', (m) => m.requestId === 'last', 0, 30_000);
    problems.push(...internal(client.received));
    await client.close();
    expect(problems).toEqual([]);

    // And a class can still use it.
    const after = await TestClient.connect(port);
    after.send({ type: 'create-session', scenario: 'udp-echo', requestId: 'after' });
    const { session } = await after.next('session', (m) => m.requestId === 'after', 0, 20_000);
    after.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    after.send({ type: 'step', sessionId: session.id });
    await after.next('session', (m) => m.session.id === session.id && m.session.nextStep === 1, 0, 20_000);
    await after.close();
  }, LIMIT_MS);
});

const API = `http://127.0.0.1:${'PORT'}${RECORDINGS_API_PATH}`;

describe('the recordings API fuzzed', () => {
  it('answers mutated requests with a status below 500 (or 503 busy/not built) and an error in words', async () => {
    const ids = () => fc.oneof(fc.constant(recordingId), fc.constant('20260101-000000-abcdef'), fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.constantFrom('%', '%E0%A4%A', '..', '%2e%2e%2f', 'import'));
    const query = fc.dictionary(fc.constantFrom('format', 'lang', 'track', 'file', 'name', 'x'), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('svg', 'pcap', 'jsonl', 'html', 'ko', 'session')), { maxKeys: 4 })
      .map((entries) => new URLSearchParams(entries).toString());
    const pathArb = fc.oneof(
      fc.constant(''), ids().map((id) => `/${id}`), ids().map((id) => `/${id}/export`), fc.constant('/import'), ids().map((id) => `/${id}/${id}`),
    );
    const body = fc.oneof(
      fc.constant(undefined), json.map((value) => JSON.stringify(value)), fc.constant(JSON.stringify({ name: 'renamed' })),
      fc.uint8Array({ maxLength: 300 }), fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
        const copy = capture.slice();
        copy[at % copy.length] = value;
        return copy;
      }),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'),
      path: pathArb, query, body,
      type: fc.constantFrom('application/json', 'application/octet-stream', 'text/plain', 'multipart/form-data; boundary=x', ''),
    });
    await fc.assert(fc.asyncProperty(request, async ({ method, path: rest, query: search, body: payload, type }) => {
      const hasBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
      const url = `${API.replace('PORT', String(port))}${rest}${search ? `?${search}` : ''}`;
      const answer = await fetch(url, {
        method, ...(hasBody && { body: payload }), headers: type ? { 'content-type': type } : {},
      });
      const text = method === 'HEAD' ? '' : await answer.text();
      expect([500, 502, 504], `${method} ${url}: ${text.slice(0, 200)}`).not.toContain(answer.status);
      const api = new URL(answer.url).pathname.startsWith(RECORDINGS_API_PATH);
      if (api && answer.status >= 400 && method !== 'HEAD') expect(() => ApiError.parse(JSON.parse(text)), `${method} ${url}: ${text.slice(0, 200)}`).not.toThrow();
      // Found by a million-request run: a file name of spaces made a recording no name can hold.
    }), { ...FUZZ, examples: [[{ method: 'POST', path: '/import', query: 'file=+', body: capture.slice(), type: 'application/octet-stream' }]] });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, LIMIT_MS);
});
