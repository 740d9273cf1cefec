import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError, ImportResult, RECORDINGS_API_PATH } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { TEST_CAPTURES } from '@sockscope/wire/test-captures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { MAX_CONCURRENT_IMPORTS } from './recordings-api.ts';
import { SessionManager } from './session-manager.ts';

// The server's own limit (256 MiB): uploads here are as large as a user's may be.
let sockscope: SockscopeServer;
let store: RecordingStore;
let port: number;

beforeAll(async () => {
  store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-uploads-')));
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', store }), { serverVersion: 'test', store });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

interface Upload {
  /** The answer, and how many bytes had been sent when it came. */
  answer: Promise<{ status: number; body: string; retryAfter: string | undefined; sentBefore: number }>;
  /** Sends the rest and ends the upload. */
  finish(rest?: Uint8Array): void;
}

/**
 * Posts a file without Content-Length, written chunk by chunk as a browser streams one: `head`
 * first, then `total` bytes of zeros unless the answer comes first, or held open until finish().
 */
function upload(head: Uint8Array, options: { zeros?: number; hold?: boolean }): Upload {
  const request = http.request({
    host: '127.0.0.1', port, method: 'POST', path: `${RECORDINGS_API_PATH}/import?file=upload.pcap`,
    headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
  });
  let sent = 0;
  let answered = false;
  const answer = new Promise<{ status: number; body: string; retryAfter: string | undefined; sentBefore: number }>((resolve, reject) => {
    request.on('response', (response) => {
      answered = true;
      const sentBefore = sent;
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, retryAfter: response.headers['retry-after'], sentBefore }));
    });
    // The server closes an upload it refused while the rest was still coming: expected.
    request.on('error', (error) => { if (!answered) reject(error); });
  });
  request.write(head);
  sent += head.length;
  const zeros = new Uint8Array(1024 * 1024);
  const pump = (left: number) => {
    while (left > 0 && !answered && !request.destroyed) {
      const piece = zeros.subarray(0, Math.min(zeros.length, left));
      left -= piece.length;
      sent += piece.length;
      if (!request.write(piece)) {
        request.once('drain', () => pump(left));
        return;
      }
    }
    if (!answered && !request.destroyed) request.end();
  };
  if (!options.hold) pump(options.zeros ?? 0);
  return {
    answer,
    finish(rest) {
      if (rest) request.write(rest);
      request.end();
    },
  };
}

const MiB = 1024 * 1024;

describe('imports over HTTP, as they arrive', () => {
  it('refuses three parallel 200 MiB uploads of zeros at their first bytes, without holding them in memory', async () => {
    const before = process.memoryUsage().rss;
    const uploads = Array.from({ length: 3 }, () => upload(new Uint8Array(0), { zeros: 200 * MiB }));
    const answers = await Promise.all(uploads.map((u) => u.answer));
    const grown = process.memoryUsage().rss - before;
    for (const answer of answers) {
      // 422 when it had a slot, 503 when both slots were taken by the others: either way, at once.
      expect([422, 503]).toContain(answer.status);
      expect(answer.sentBefore).toBeLessThan(200 * MiB);
    }
    expect(answers.map((a) => a.status)).toContain(422);
    const refused = ApiError.parse(JSON.parse(answers.find((a) => a.status === 422)!.body)).error;
    expect(refused.message).toBe('upload.pcap was not imported: not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x00000000');
    expect(grown, `RSS grew by ${(grown / MiB).toFixed(1)} MiB`).toBeLessThan(100 * MiB);
    // Nothing of the refused uploads is left in the store's staging folder.
    expect(await readdir(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it(`runs ${MAX_CONCURRENT_IMPORTS} imports at once and tells another to come back, then takes it`, async () => {
    const file = new Uint8Array(await readFile(path.join(TEST_CAPTURES, 'dns_tcp.pcap')));
    const [head, rest] = [file.subarray(0, 24), file.subarray(24)];
    const running = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => upload(head, { hold: true }));
    // The slots are taken once the server has read the held uploads' first bytes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const turnedAway = await upload(file, {}).answer;
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.retryAfter).toBe('5');
    expect(ApiError.parse(JSON.parse(turnedAway.body)).error).toMatchObject({ code: 'busy', message: expect.stringContaining('try again in 5 s') });
    for (const u of running) u.finish(rest);
    for (const u of running) {
      const done = await u.answer;
      expect(done.status).toBe(201);
      expect(ImportResult.parse(JSON.parse(done.body)).recording).toMatchObject({ origin: 'capture', hasCapture: true });
    }
    const later = await upload(file, {}).answer;
    expect(later.status).toBe(201);
    // What was streamed to disk is the file, byte for byte: its pcap export.
    const { recording } = ImportResult.parse(JSON.parse(later.body));
    expect(new Uint8Array(await store.pcap(recording.id))).toEqual(file);
  });
});
