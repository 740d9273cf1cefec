import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApiError, parseRecording, type Recording } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { REPLAY_TEMPLATE } from './replay-page.ts';
import { SessionManager } from './session-manager.ts';

const BIN = fileURLToPath(new URL('../bin/sockscope.js', import.meta.url));
const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const run = promisify(execFile);

let data: string;
let scratch: string;
let id: string;
let recording: Recording;
let sockscope: SockscopeServer;
let base: string;

/** Runs the CLI with its recordings in this test's own folder. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, SOCKSCOPE_DATA: data }, timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The recording inside an exported HTML file, read back as the page reads it. */
function embedded(html: string): Recording {
  const data = /<script type="application\/x-ndjson" id="recording">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (data === undefined) throw new Error('the file has no recording element');
  return parseRecording(data);
}

beforeAll(async () => {
  // `npm test` builds the page after the unit tests; the offline template is built here if it is not yet.
  // vitest sets NODE_ENV=test, which would bundle React's development build into the template.
  if (!existsSync(REPLAY_TEMPLATE)) {
    await run('npx', ['vite', 'build', '--config', 'vite.replay.config.ts'], { cwd: WEB, env: { ...process.env, NODE_ENV: 'production' } });
  }
  data = await mkdtemp(path.join(tmpdir(), 'sockscope-exports-'));
  scratch = await mkdtemp(path.join(tmpdir(), 'sockscope-exports-out-'));
  const recorded = await cli(['record', 'tcp-echo', '--capture', 'pcap', '--save', '--out', path.join(scratch, 'tcp-echo.jsonl')]);
  expect(recorded.code, recorded.stderr).toBe(0);
  id = /^saved (\S+)$/m.exec(recorded.stderr)?.[1] ?? '';
  const store = await RecordingStore.open(data);
  recording = await store.read(id);
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', store }), { serverVersion: 'test', store });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(sockscope.server.address() as AddressInfo).port}/api/recordings`;
}, 180_000);

afterAll(() => sockscope?.close());

describe('sockscope export --format svg|html', { timeout: 120_000 }, () => {
  it('writes the ladder as a standalone SVG, in English or Korean', async () => {
    const out = path.join(scratch, 'ladder.svg');
    expect((await cli(['export', id, '--format', 'svg', '--out', out])).code).toBe(0);
    const svg = await readFile(out, 'utf8');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const label of ['TCP echo', 'CLIENT', 'SERVER', 'SYN seq=0', 'SYN, ACK seq=0 ack=1', 'Step 1: server: listen()']) expect(svg).toContain(label);
    expect(svg).not.toMatch(/class=|url\(|href|<style/);
    const korean = await cli(['export', id, '--format', 'svg', '--lang', 'ko']);
    expect(korean.stdout).toContain('클라이언트');
    expect(korean.stdout).toContain('SYN seq=0');
  });

  it('writes one HTML file holding the whole recording, and nothing it would fetch', async () => {
    const { stdout, code } = await cli(['export', id, '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/i);
    expect(embedded(stdout)).toEqual(recording);
    expect(stdout).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"|\bhttps?:\/\/(?!www\.w3\.org)[^\s"'`]*\.(js|css)/);
  });

  it('says what is wrong with a request it cannot draw', async () => {
    expect(await cli(['export', id, '--format', 'png'])).toMatchObject({ code: 2, stderr: 'sockscope: --format png is made by the page (the Export buttons above the ladder); here, --format svg draws the same picture\n' });
    expect(await cli(['export', id, '--format', 'svg', '--lang', 'fr'])).toMatchObject({ code: 2, stderr: 'sockscope: --lang must be one of en, ko, not "fr"\n' });
    expect(await cli(['export', id, '--format', 'svg', '--track', 'tcp-2'])).toMatchObject({ code: 2, stderr: 'sockscope: --track: the recording has no track "tcp-2"; its tracks are session\n' });
    expect(await cli(['export', id, '--format', 'html', '--lang', 'ko'])).toMatchObject({ code: 2, stderr: 'sockscope: --lang and --track choose how --format svg draws the ladder\n' });
  });
});

describe('GET /api/recordings/<id>/export?format=svg|html', () => {
  it('answers the SVG as a download named after the recording', async () => {
    const response = await fetch(`${base}/${id}/export?format=svg&lang=ko`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="TCP echo.svg"; filename*=UTF-8''TCP%20echo.svg`);
    const svg = await response.text();
    expect(svg).toContain('서버');
    expect(svg).toContain('SYN, ACK seq=0 ack=1');
  });

  it('answers the offline page with the recording inside', async () => {
    const response = await fetch(`${base}/${id}/export?format=html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('filename="TCP echo.html"');
    expect(embedded(await response.text())).toEqual(recording);
  });

  it('refuses a language or a track it does not have, naming it', async () => {
    const language = await fetch(`${base}/${id}/export?format=svg&lang=fr`);
    expect(language.status).toBe(400);
    expect(ApiError.parse(await language.json()).error).toEqual({ code: 'bad-request', message: '?lang=: one of en, ko, not "fr"' });
    const track = await fetch(`${base}/${id}/export?format=svg&track=udp-1`);
    expect(track.status).toBe(400);
    expect(ApiError.parse(await track.json()).error.message).toBe('the recording has no track "udp-1"; its tracks are session');
  });
});
