import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseRecording, type Recording } from '@sockscope/protocol';
import { readCapture } from '@sockscope/wire';
import { describe, expect, it } from 'vitest';
import { concat, pcapngEnhancedPacket, pcapngInterface, pcapngSectionHeader, pcapFile } from '../../wire/src/test-fixtures.ts';
import { dataDirectory } from './data-dir.ts';
import { NoCaptureError, RecordingNotFoundError, RecordingStore } from './store.ts';
import { sessionRecording } from './test-recordings.ts';

const fresh = async () => RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-store-')));

async function text(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return out;
}

const packet = (n: number) => Uint8Array.from({ length: 60 }, (_, i) => (i + n) & 0xff);
const pcap = pcapFile({}, [1, 2, 3].map((n) => ({ seconds: 1_700_000_000 + n, fraction: n, data: packet(n) })));

describe('the recording store', () => {
  it('lives in SOCKSCOPE_DATA, else the XDG data folder', () => {
    expect(dataDirectory({ SOCKSCOPE_DATA: '/srv/data' })).toBe('/srv/data');
    expect(dataDirectory({ XDG_DATA_HOME: '/home/a/.data', HOME: '/home/a' })).toBe('/home/a/.data/sockscope');
    expect(dataDirectory({ XDG_DATA_HOME: 'relative' })).toMatch(/\/\.local\/share\/sockscope$/);
  });

  it('saves, lists newest first, reads back, renames and deletes', async () => {
    const store = await fresh();
    const original = sessionRecording('first', 3);
    const first = await store.save(original, { capture: { bytes: pcap, format: 'pcap' } });
    const second = await store.save(sessionRecording('second', 5, 'inferred'));
    expect(first.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(second).toMatchObject({
      name: 'second', origin: 'session', scenario: 'tcp-echo', title: 'TCP echo', eventCount: 5, trackCount: 1,
      capture: { mode: 'inferred' }, hasCapture: false,
    });
    expect((await store.list()).map((r) => r.name).sort()).toEqual(['first', 'second']);
    expect(await store.read(first.id)).toEqual(original);

    const renamed = await store.rename(first.id, '  Handshake for Monday  ');
    expect(renamed).toMatchObject({ id: first.id, name: 'Handshake for Monday', hasCapture: true });
    expect((await store.read(first.id)).name).toBe('Handshake for Monday');
    const jsonl = await text(await store.jsonl(first.id));
    expect(parseRecording(jsonl)).toEqual(await store.read(first.id));
    await expect(store.rename(first.id, '')).rejects.toThrow('the name must not be empty');
    await expect(store.rename(first.id, 'tab\there')).rejects.toThrow('the name must not contain control characters');

    await store.delete(second.id);
    expect((await store.list()).map((r) => r.id)).toEqual([first.id]);
    await expect(store.get(second.id)).rejects.toThrow(new RecordingNotFoundError(`there is no recording ${second.id}`));
    await expect(store.get('../../etc')).rejects.toThrow(RecordingNotFoundError);
  });

  it('exports the kept capture as pcap, and refuses to invent bytes for an inferred session', async () => {
    const store = await fresh();
    const captured = await store.save(sessionRecording('captured', 2), { capture: { bytes: pcap, format: 'pcap' } });
    expect(await store.pcap(captured.id)).toEqual(pcap);
    const inferred = await store.save(sessionRecording('inferred', 2, 'inferred'));
    await expect(store.pcap(inferred.id)).rejects.toThrow(new NoCaptureError(
      `recording ${inferred.id} ran without packet capture (capture was turned off for this session): its packets were inferred from the socket calls, so no packet bytes exist to export. Export it as JSON Lines instead, or record it again with capture on.`,
    ));
    const imported = await store.save(sessionRecording('from jsonl', 2), { noCapture: 'it was imported from JSON Lines, which holds events, not packets' });
    await expect(store.pcap(imported.id)).rejects.toThrow(`recording ${imported.id} keeps no packet bytes: it was imported from JSON Lines, which holds events, not packets. Export it as JSON Lines instead.`);
    // The list says the same before anyone asks for the pcap, so a page can disable its link with the reason.
    expect((await store.list()).map((r) => [r.name, r.hasCapture, r.noCapture]).sort()).toEqual([
      ['captured', true, undefined],
      ['from jsonl', false, 'keeps no packet bytes: it was imported from JSON Lines, which holds events, not packets'],
      ['inferred', false, 'ran without packet capture (capture was turned off for this session): its packets were inferred from the socket calls, so no packet bytes exist to export'],
    ]);
  });

  it('exports a pcapng capture as a pcap of the same packets', async () => {
    const store = await fresh();
    const pcapng = concat(pcapngSectionHeader(), pcapngInterface({ linkType: 1, tsresol: 6 }), pcapngEnhancedPacket({ timestamp: 1_700_000_000_000_001n, data: packet(9) }));
    const saved = await store.save(sessionRecording('ng', 1), { capture: { bytes: pcapng, format: 'pcapng' } });
    const [record] = readCapture(await store.pcap(saved.id));
    expect(record).toMatchObject({ tsUs: 1_700_000_000_000_001, data: packet(9), linkType: 1 });
  });

  it('does not list a folder without a readable meta.json, and names the damage when asked for it', async () => {
    const store = await fresh();
    const saved = await store.save(sessionRecording('ok', 1));
    await mkdir(path.join(store.root, 'recordings', '20260101-000000-abcdef'));
    await writeFile(path.join(store.root, 'recordings', saved.id, 'meta.json'), '{"v":1,"name":""}');
    expect(await store.list()).toEqual([]);
    await expect(store.get(saved.id)).rejects.toThrow(`recording ${saved.id} is damaged: meta.json: `);
  });

  it('clears what a dead writer left in tmp/, and leaves a living one\'s', async () => {
    const store = await fresh();
    const tmp = path.join(store.root, 'tmp');
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await mkdir(path.join(tmp, `20260101-000000-abcdef.${dead.pid}.00000000`));
    await mkdir(path.join(tmp, `20260101-000000-fedcba.${process.pid}.11111111`));
    await RecordingStore.open(store.root);
    expect(await readdir(tmp)).toEqual([`20260101-000000-fedcba.${process.pid}.11111111`]);
  });
});

describe('a store killed in the middle of a save', () => {
  const CHILD = new URL('./test-save-child.ts', import.meta.url).pathname;
  const EVENTS = 150_000;

  /** Starts a child saving a large recording; resolves once it says it is saving. */
  function startSaving(root: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, String(EVENTS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const saving = new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('saving\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before saving: ${output}`)));
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, saving, exited, output: () => output };
  }

  it('keeps every earlier recording intact and the new one whole or absent, wherever it is killed', async () => {
    const store = await fresh();
    const earlier: Recording[] = [sessionRecording('earlier one', 10), sessionRecording('earlier two', 2000)];
    const ids: string[] = [];
    for (const recording of earlier) ids.push((await store.save(recording, { capture: { bytes: pcap, format: 'pcap' } })).id);
    let caughtMidSave = 0;
    let finished = 0;
    for (const delayMs of [0, 5, 20, 50, 100, 200, 350, 600, 1000]) {
      const run = startSaving(store.root);
      await run.saving;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      run.child.kill('SIGKILL');
      await run.exited;
      if (run.output().includes('saved ')) finished += 1;
      else if ((await readdir(path.join(store.root, 'tmp'))).length > 0) caughtMidSave += 1;

      const reopened = await RecordingStore.open(store.root);
      expect(await readdir(path.join(store.root, 'tmp'))).toEqual([]);
      const listed = await reopened.list();
      for (const [i, id] of ids.entries()) {
        expect(await reopened.read(id)).toEqual({ ...earlier[i], name: earlier[i]?.name });
        expect(await reopened.pcap(id)).toEqual(pcap);
      }
      for (const summary of listed.filter((r) => !ids.includes(r.id))) {
        // A save that finished before the kill: whole, every event there.
        expect(summary.eventCount).toBe(EVENTS);
        const large = await reopened.read(summary.id);
        expect(large.tracks[0]?.events).toHaveLength(EVENTS);
        expect((await readFile(path.join(store.root, 'recordings', summary.id, 'capture.pcap'))).length).toBe(8 * 1024 * 1024);
      }
      expect(listed.length).toBe(ids.length + finished);
    }
    // The test means something only if some kills landed inside a save.
    expect(caughtMidSave).toBeGreaterThanOrEqual(3);
  }, 180_000);
});
