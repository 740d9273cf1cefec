import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApiError, ImportResult, parseRecording, RecordingList, RecordingSummary, type CaptureMode, type SegmentEvent, type SessionEvent,
} from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { readCapture } from '@sockscope/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsharkSegments } from '../../../packages/recordings/src/test-tshark.ts';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';

const MAX_IMPORT_BYTES = 256 * 1024;

let sockscope: SockscopeServer;
let store: RecordingStore;
let base: string;
let port: number;

beforeAll(async () => {
  store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-api-')));
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'pcap', store }), { serverVersion: 'test', store, maxImportBytes: MAX_IMPORT_BYTES });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}/api/recordings`;
});

afterAll(() => sockscope.close());

/** Runs a scenario to its end over the WebSocket; returns its events and its recording's id. */
async function runSession(scenario: string, capture: CaptureMode): Promise<{ events: SessionEvent[]; recordingId: string }> {
  const client = await TestClient.connect(port);
  client.send({ type: 'create-session', scenario, capture, requestId: 'new' });
  const { session } = await client.next('session', (m) => m.requestId === 'new');
  client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
  client.send({ type: 'run', sessionId: session.id, paceMs: 0 });
  const finished = await client.next('session', (m) => m.session.status === 'finished', 0, 20_000);
  await client.close();
  expect(finished.session.recordingId).toBeDefined();
  return { events: client.events.filter((e) => e.id <= finished.session.lastEventId), recordingId: finished.session.recordingId ?? '' };
}

async function failure(response: Response): Promise<ApiError['error']> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ApiError.parse(await response.json()).error;
}

async function importBytes(bytes: Uint8Array, query: string): Promise<Response> {
  return fetch(`${base}/import?${query}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } });
}

describe('recordings over HTTP', () => {
  it('saves a finished session by itself; its JSON Lines hold the events the page saw; its pcap is what tshark reads as the same segments', async () => {
    const { events, recordingId } = await runSession('tcp-echo', 'pcap');
    const list = RecordingList.parse(await (await fetch(base)).json());
    expect(list.recordings.find((r) => r.id === recordingId)).toMatchObject({
      origin: 'session', scenario: 'tcp-echo', title: 'TCP echo', trackCount: 1, hasCapture: true, capture: { mode: 'pcap' },
    });
    const got = await fetch(`${base}/${recordingId}`);
    expect(got.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const recording = parseRecording(await got.text());
    expect(recording.tracks[0]?.events).toEqual(events);
    expect(recording.tracks[0]?.scenario?.name).toBe('tcp-echo');

    const pcap = await fetch(`${base}/${recordingId}/export?format=pcap`);
    expect(pcap.status).toBe(200);
    expect(pcap.headers.get('content-disposition')).toBe(`attachment; filename="TCP echo.pcap"; filename*=UTF-8''TCP%20echo.pcap`);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'sockscope-pcap-')), 'session.pcap');
    const bytes = new Uint8Array(await pcap.arrayBuffer());
    await writeFile(file, bytes);
    const segments = events.filter((e): e is SegmentEvent => e.kind === 'segment');
    expect(segments.length).toBeGreaterThanOrEqual(10);
    // Every record is a segment of the session: sockscope's marker datagrams are left out.
    expect(readCapture(bytes)).toHaveLength(segments.length);
    const shape = (s: { src: string; dst: string; flags: string[]; seq?: number; ack?: number; len: number }) =>
      ({ src: s.src, dst: s.dst, flags: s.flags, seq: s.seq, ack: s.ack, len: s.len });
    expect(tsharkSegments(file).map(shape)).toEqual(segments.map(shape));
  });

  it('refuses a pcap of a session that ran without capture, saying the packets were inferred', async () => {
    const { recordingId } = await runSession('udp-echo', 'off');
    const response = await fetch(`${base}/${recordingId}/export?format=pcap`);
    expect(response.status).toBe(409);
    expect(await failure(response)).toEqual({
      code: 'no-capture',
      message: `recording ${recordingId} ran without packet capture (capture was turned off for this session): its packets were inferred from the socket calls, so no packet bytes exist to export. Export it as JSON Lines instead, or record it again with capture on.`,
    });
    expect((await fetch(`${base}/${recordingId}/export?format=jsonl`)).headers.get('content-disposition')).toMatch(/^attachment; filename="UDP echo.jsonl"/);
  });

  it('saves a session reset after a step, and not one that never stepped', async () => {
    const client = await TestClient.connect(port);
    client.send({ type: 'create-session', scenario: 'udp-echo', capture: 'off', requestId: 'a' });
    const { session } = await client.next('session', (m) => m.requestId === 'a');
    client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    client.send({ type: 'step', sessionId: session.id });
    await client.next('session', (m) => m.session.id === session.id && m.session.status === 'ready' && m.session.nextStep === 1);
    client.send({ type: 'reset', sessionId: session.id, requestId: 'b' });
    const fresh = (await client.next('session', (m) => m.requestId === 'b')).session;
    const closed = await client.next('session', (m) => m.session.id === session.id && m.session.status === 'closed');
    expect(closed.session.recordingId).toBeDefined();
    client.send({ type: 'subscribe', sessionId: fresh.id, afterId: 0 });
    client.send({ type: 'reset', sessionId: fresh.id, requestId: 'c' });
    const unstepped = await client.next('session', (m) => m.session.id === fresh.id && m.session.status === 'closed');
    expect(unstepped.session.recordingId).toBeUndefined();
    await client.close();
  });

  it('imports a capture: one recording whose pcap export is the file itself', async () => {
    const bytes = new Uint8Array(await readFile(`${CAPTURES}dns_tcp.pcap`));
    const response = await importBytes(bytes, 'file=dns_tcp.pcap&name=DNS%20over%20TCP');
    expect(response.status).toBe(201);
    const result = ImportResult.parse(await response.json());
    expect(result).toMatchObject({ problemCount: 0, problems: [], recording: { name: 'DNS over TCP', origin: 'capture', trackCount: 1, hasCapture: true } });
    expect(result.recording.title).toBe('TCP 192.168.1.11:33779 → 209.87.249.18:53');
    const pcap = await fetch(`${base}/${result.recording.id}/export?format=pcap`);
    expect(new Uint8Array(await pcap.arrayBuffer())).toEqual(bytes);
  });

  it('imports a capture with a broken packet and lists it', async () => {
    const response = await importBytes(new Uint8Array(await readFile(`${CAPTURES}tcp_header_heapoverflow.pcap`)), 'file=overflow.pcap');
    expect(response.status).toBe(201);
    expect(ImportResult.parse(await response.json())).toMatchObject({
      problemCount: 1, problems: [{ packet: 1, offset: 24, reason: 'TCP header truncated: 12 of 20 bytes captured' }],
    });
  });

  it('imports JSON Lines, and refuses a bad one with its line and field', async () => {
    const { recordingId } = await runSession('udp-echo', 'off');
    const jsonl = await (await fetch(`${base}/${recordingId}/export?format=jsonl`)).text();
    const good = await importBytes(new TextEncoder().encode(jsonl), 'file=udp.jsonl');
    expect(good.status).toBe(201);
    expect(ImportResult.parse(await good.json()).recording).toMatchObject({ name: 'UDP echo', origin: 'session', hasCapture: false });

    const lines = jsonl.split('\n');
    lines[1] = lines[1]?.replace('"kind":"note"', '"kind":"rumour"') ?? '';
    const bad = await importBytes(new TextEncoder().encode(lines.join('\n')), 'file=bad.jsonl');
    expect(bad.status).toBe(422);
    expect(await failure(bad)).toEqual({ code: 'bad-file', message: expect.stringMatching(/^bad\.jsonl was not imported: line 2: event\.kind: /) });
  });

  it('refuses what is no recording, what is too large, a form, and a path for a name', async () => {
    const junk = await importBytes(new TextEncoder().encode('MZ this is a program'), 'file=setup.exe');
    expect(junk.status).toBe(422);
    expect((await failure(junk)).message).toBe('setup.exe was not imported: not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x4d5a2074');
    const large = await importBytes(new Uint8Array(MAX_IMPORT_BYTES + 1), 'file=big.pcap');
    expect(large.status).toBe(413);
    expect(await failure(large)).toEqual({ code: 'too-large', message: `big.pcap is larger than the ${MAX_IMPORT_BYTES}-byte limit` });
    const form = await fetch(`${base}/import`, { method: 'POST', body: new FormData() });
    expect(form.status).toBe(415);
    const traversal = await importBytes(new Uint8Array(4), 'file=../../etc/passwd');
    expect(traversal.status).toBe(400);
    expect((await failure(traversal)).message).toMatch(/^\?file=: a file name \(not a path\)/);
    // Found by npm run fuzz: a file name of spaces named a recording no name can hold (a 500).
    const spaces = await importBytes(new Uint8Array(await readFile(`${CAPTURES}dns_udp.pcap`)), 'file=+++');
    expect(spaces.status).toBe(400);
    expect((await failure(spaces)).message).toMatch(/not only spaces/);
  });

  it('renames and deletes, validating what it is sent', async () => {
    const bytes = new Uint8Array(await readFile(`${CAPTURES}dns_udp.pcap`));
    const { recording } = ImportResult.parse(await (await importBytes(bytes, 'file=dns_udp.pcap')).json());
    const patch = (body: string, type = 'application/json') =>
      fetch(`${base}/${recording.id}`, { method: 'PATCH', body, headers: { 'content-type': type } });
    const renamed = await patch(JSON.stringify({ name: 'A DNS question' }));
    expect(RecordingSummary.parse(await renamed.json()).name).toBe('A DNS question');
    expect(await failure(await patch(JSON.stringify({ name: '' })))).toEqual({ code: 'bad-request', message: 'the rename was refused: name: must not be empty' });
    expect((await failure(await patch(JSON.stringify({ name: 'x', colour: 'red' })))).message).toMatch(/^the rename was refused: /);
    // Half a UTF-16 pair cannot be written as UTF-8: it is cleaned as an encoder would, not kept to break exports.
    expect(RecordingSummary.parse(await (await patch(JSON.stringify({ name: 'half \ud800x' }))).json()).name).toBe('half \ufffdx');
    expect((await failure(await patch(JSON.stringify({ name: 'a\u0000b' })))).message).toMatch(/control characters/);
    expect((await patch('{', 'application/json')).status).toBe(400);
    expect((await patch('name=x', 'text/plain')).status).toBe(415);

    expect((await fetch(`${base}/${recording.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await fetch(`${base}/${recording.id}`);
    expect(gone.status).toBe(404);
    expect(await failure(gone)).toEqual({ code: 'not-found', message: `there is no recording ${recording.id}` });
    expect((await fetch(`${base}/${recording.id}/export?format=pdf`)).status).toBe(400);
    expect((await fetch(base, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers a malformed id with 400 or 404, never 500', async () => {
    for (const id of ['%E0%A4%A', '%ZZ', '..%2F..%2Fetc', '20261125-134502-3FA9C1', 'x'.repeat(300)]) {
      for (const suffix of ['', '/export?format=svg', '/export?format=html', '/export?format=pcap']) {
        const answer = await fetch(`${base}/${id}${suffix}`);
        expect([400, 404], `${id}${suffix}`).toContain(answer.status);
        expect((await failure(answer)).code).toMatch(/^(bad-request|not-found)$/);
      }
    }
  });

  it('exports every saved recording, even one whose name was saved before names were checked', async () => {
    const bytes = new Uint8Array(await readFile(`${CAPTURES}dns_udp.pcap`));
    const { recording } = ImportResult.parse(await (await importBytes(bytes, 'file=dns_udp.pcap')).json());
    const meta = path.join(store.root, 'recordings', recording.id, 'meta.json');
    const stored = JSON.parse(await readFile(meta, 'utf8')) as { name: string };
    await writeFile(meta, JSON.stringify({ ...stored, name: 'half \ud800 a name' }));
    for (const format of ['jsonl', 'pcap', 'svg']) {
      const answer = await fetch(`${base}/${recording.id}/export?format=${format}`);
      expect(answer.status, format).toBe(200);
      expect(answer.headers.get('content-disposition')).toContain(`filename*=UTF-8''half%20%EF%BF%BD%20a%20name.${format}`);
    }
  });

  it('refuses a page from another origin, as the WebSocket does', async () => {
    const foreign = await fetch(base, { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await failure(foreign)).code).toBe('forbidden');
    const deletion = await fetch(`${base}/20260101-000000-abcdef`, { method: 'DELETE', headers: { origin: 'http://evil.example' } });
    expect(deletion.status).toBe(403);
    expect((await fetch(base, { headers: { origin: `http://127.0.0.1:${port}` } })).status).toBe(200);
  });
});
