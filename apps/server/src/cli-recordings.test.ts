import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecording, type SegmentEvent } from '@sockscope/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { tsharkSegments } from '../../../packages/recordings/src/test-tshark.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';

const BIN = fileURLToPath(new URL('../bin/sockscope.js', import.meta.url));

let data: string;
let scratch: string;

beforeAll(async () => {
  data = await mkdtemp(path.join(tmpdir(), 'sockscope-cli-data-'));
  scratch = await mkdtemp(path.join(tmpdir(), 'sockscope-cli-'));
});

/** Runs the CLI with its recordings in this test's own folder. */
function sockscope(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, SOCKSCOPE_DATA: data }, timeout: 30_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const savedId = (stderr: string) => /^saved (\S+)$/m.exec(stderr)?.[1] ?? '';

// Each test runs the CLI several times, each a fresh Node process compiling TypeScript.
const SLOW = { timeout: 120_000 };

describe('sockscope record --save, recordings, export', SLOW, () => {
  it('saves a recorded session, lists it, and exports it as the same JSON Lines and as a pcap tshark reads as its segments', async () => {
    const recorded = await sockscope(['record', 'tcp-echo', '--capture', 'pcap', '--save']);
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toMatch(/^saved \d{8}-\d{6}-[0-9a-f]{6}\n$/);
    const id = savedId(recorded.stderr);

    const listed = await sockscope(['recordings']);
    expect(listed.stdout.split('\n').find((line) => line.startsWith(id))?.split('\t').slice(2)).toEqual(['TCP echo', 'tcp-echo', expect.stringMatching(/^\d+ events$/), '1 tracks', 'pcap']);

    const jsonl = await sockscope(['export', id, '--format', 'jsonl']);
    expect(jsonl.stdout).toBe(recorded.stdout);

    const out = path.join(scratch, 'echo.pcap');
    const pcap = await sockscope(['export', id, '--format', 'pcap', '--out', out]);
    expect(pcap).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const segments = (parseRecording(recorded.stdout).tracks[0]?.events ?? []).filter((e): e is SegmentEvent => e.kind === 'segment');
    expect(tsharkSegments(out).map((s) => [s.src, s.dst, s.flags.join(','), s.seq, s.len]))
      .toEqual(segments.map((s) => [s.src, s.dst, s.flags.join(','), s.seq, s.len]));
  });

  it('refuses a pcap of a session recorded without capture, an unknown format and an unknown recording', async () => {
    const id = savedId((await sockscope(['record', 'udp-echo', '--capture', 'off', '--save'])).stderr);
    const pcap = await sockscope(['export', id, '--format', 'pcap', '--out', path.join(scratch, 'none.pcap')]);
    expect(pcap.code).toBe(1);
    expect(pcap.stderr).toBe(`sockscope: recording ${id} ran without packet capture (capture was turned off for this session): its packets were inferred from the socket calls, so no packet bytes exist to export. Export it as JSON Lines instead, or record it again with capture on.\n`);
    const pdf = await sockscope(['export', id, '--format', 'pdf']);
    expect(pdf).toMatchObject({ code: 2, stdout: '' });
    expect(pdf.stderr).toMatch(/^sockscope: --format must be one of jsonl, pcap(, \w+)*, not "pdf"\n$/);
    expect(await sockscope(['export', '20260101-000000-abcdef'])).toMatchObject({ code: 1, stderr: 'sockscope: there is no recording 20260101-000000-abcdef\n' });
    expect((await sockscope(['export'])).stderr).toBe('sockscope: export needs a recording id (see: sockscope recordings)\n');
  });
});

describe('sockscope import', SLOW, () => {
  it('saves a capture as one recording whose pcap export is the file itself', async () => {
    const file = `${CAPTURES}syslog_udp.pcap`;
    const imported = await sockscope(['import', file, '--name', 'syslog']);
    expect(imported).toMatchObject({ code: 0, stdout: '' });
    const id = savedId(imported.stderr);
    expect(imported.stderr).toBe(`saved ${id}\n`);
    expect((await sockscope(['recordings'])).stdout).toMatch(new RegExp(`^${id}\\t\\S+\\tsyslog\\tcapture\\t\\d+ events\\t3 tracks\\tpcap$`, 'm'));
    const out = path.join(scratch, 'syslog.pcap');
    await sockscope(['export', id, '--format', 'pcap', '--out', out]);
    expect(await readFile(out)).toEqual(await readFile(file));
  });

  it('says one line per broken packet, and still saves', async () => {
    const file = `${CAPTURES}timestamp_invalid_nano.pcap`;
    const imported = await sockscope(['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.stderr.split('\n')).toEqual([
      `sockscope: ${file}: packet 2 (offset 116): timestamp fraction 1000000000 ns is not below one second`,
      `sockscope: ${file}: packet 3 (offset 208): timestamp fraction 2147483648 ns is not below one second`,
      `saved ${savedId(imported.stderr)}`,
      '',
    ]);
  });

  it('imports a JSON Lines recording, and refuses a bad one with its line and field', async () => {
    const recorded = await sockscope(['record', 'udp-echo', '--capture', 'off']);
    const good = path.join(scratch, 'udp.jsonl');
    await writeFile(good, recorded.stdout);
    const imported = await sockscope(['import', good]);
    expect(imported.code).toBe(0);
    expect(parseRecording((await sockscope(['export', savedId(imported.stderr)])).stdout)).toEqual(parseRecording(recorded.stdout));

    const bad = path.join(scratch, 'bad.jsonl');
    const lines = recorded.stdout.split('\n');
    const datagram = lines.findIndex((line) => line.includes('"kind":"datagram"'));
    lines[datagram] = lines[datagram]?.replace(/"len":\d+/, '"len":-1') ?? '';
    await writeFile(bad, lines.join('\n'));
    const refused = await sockscope(['import', bad]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(new RegExp(`^sockscope: ${bad} was not imported: line ${datagram + 1}: event\\.len: .+\\n$`));
  });

  it('refuses a file that is missing or no recording at all', async () => {
    expect(await sockscope(['import', path.join(scratch, 'nothing.pcap')])).toMatchObject({
      code: 1, stderr: `sockscope: cannot read ${path.join(scratch, 'nothing.pcap')}: there is no such file\n`,
    });
    expect((await sockscope(['import', BIN])).stderr).toBe(`sockscope: ${BIN} was not imported: not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x23212f75\n`);
    expect((await sockscope(['import'])).stderr).toBe('sockscope: import needs a file (pcap, pcapng or JSON Lines)\n');
  });
});
