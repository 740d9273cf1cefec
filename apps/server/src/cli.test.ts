import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRecording } from '@sockscope/protocol';
import { BUILT_IN_SCENARIOS } from '@sockscope/engine';

const NAMES = BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(', ');

const BIN = fileURLToPath(new URL('../bin/sockscope.js', import.meta.url));

function sockscope(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the sockscope CLI', () => {
  it('lists the scenarios', async () => {
    const { code, stdout } = await sockscope(['scenarios']);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[0])).toEqual(BUILT_IN_SCENARIOS.map((scenario) => scenario.name));
  });

  it('records a session as a JSON Lines recording of format v1', async () => {
    const { code, stdout } = await sockscope(['record', 'tcp-echo', '--message', 'hi there', '--capture', 'pcap']);
    expect(code).toBe(0);
    const recording = parseRecording(stdout);
    expect(recording).toMatchObject({ name: 'TCP echo', origin: { kind: 'session', scenario: 'tcp-echo' } });
    const events = recording.tracks[0]?.events ?? [];
    expect(events.map((e) => e.id)).toEqual(events.map((_, index) => index + 1));
    const data = events.filter((e) => e.kind === 'segment' && e.len > 0);
    expect(data.map((e) => e.kind === 'segment' && [e.source, e.from, e.len])).toEqual([['captured', 'client', 8], ['captured', 'server', 8]]);
  });

  it('records the scenario as Python programs with --program python', async () => {
    const { code, stdout } = await sockscope(['record', 'tcp-echo', '--message', 'hi there', '--capture', 'pcap', '--program', 'python']);
    expect(code).toBe(0);
    const events = parseRecording(stdout).tracks[0]?.events ?? [];
    const calls = events.filter((e) => e.kind === 'call');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((e) => e.kind === 'call' && e.via.startsWith('python: ') && e.line !== undefined)).toBe(true);
    expect(calls.find((e) => e.kind === 'call' && e.fn === 'send' && e.side === 'client')).toMatchObject({ via: 'python: client.send(b"hi there")' });
    const data = events.filter((e) => e.kind === 'segment' && e.len > 0);
    expect(data.map((e) => e.kind === 'segment' && [e.source, e.from, e.len])).toEqual([['captured', 'client', 8], ['captured', 'server', 8]]);
  });

  it('writes to a file with --out', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'sockscope-')), 'udp.jsonl');
    const { code, stdout, stderr } = await sockscope(['record', 'udp-echo', '--capture', 'off', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sockscope: wrote \d+ events to /);
    const recording = parseRecording(await readFile(out, 'utf8'));
    expect(recording.tracks[0]?.events.map((e) => e.kind)).toContain('datagram');
  });

  it.each([
    [['record', 'tcp-nope'], new RegExp(`^sockscope: unknown scenario "tcp-nope"; the scenarios are: ${NAMES}$`)],
    [['record', 'tcp-echo', '--capture', 'always'], /^sockscope: --capture must be one of auto, pcap, off, not "always"$/],
    [['record', 'tcp-echo', '--program', 'ruby'], /^sockscope: --program must be one of node, python, not "ruby"$/],
    [['record', 'tcp-echo', '--colour'], /^sockscope: .*'--colour'/],
    [['record'], new RegExp(`^sockscope: record needs a scenario: one of ${NAMES}$`)],
    [['fly'], /^sockscope: unknown command "fly"/],
  ])('refuses %j with one clear line', async (args, expected) => {
    const { code, stdout, stderr } = await sockscope(args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(expected);
  });

  it('prints the usage on stdout and exits 0, for the CLI and for each command', async () => {
    const top = await sockscope(['--help']);
    expect(top.code).toBe(0);
    expect(top.stderr).toBe('');
    for (const command of ['scenarios', 'record', 'import', 'recordings', 'export', 'serve']) expect(top.stdout).toContain(`sockscope ${command}`);
    expect(top.stdout).toContain('SOCKSCOPE_DATA');
    // Side by side: each start compiles the CLI (seconds on a loaded 2-core machine).
    const helps = [['record', '--help'], ['record', 'tcp-echo', '-h'], ['help', 'record']];
    const [exported, version, ...records] = await Promise.all([['export', '--help'], ['--version'], ...helps].map((args) => sockscope(args)));
    records.forEach(({ code, stdout }, i) => {
      expect(code, helps[i]?.join(' ')).toBe(0);
      expect(stdout).toContain('--drop FLAGS');
    });
    expect(exported?.stdout).toContain('--format svg');
    expect(version?.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  }, 60_000);

  it('gives the whole usage to a pipe that reads slowly', async () => {
    // As `sockscope --help | less` would: the reader starts late; nothing may be cut off.
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile('sh', ['-c', `"${process.execPath}" "${BIN}" record --help | (sleep 1; cat)`], { timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve({ stdout: out })));
    });
    expect(stdout.trim().split('\n').at(-1)).toContain('--drop FLAGS');
  });

  it('points a wrong option to the command\'s help', async () => {
    const { code, stderr } = await sockscope(['export', 'x', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain('see: sockscope export --help');
  });

  it('fails when capture is demanded but cannot start', async () => {
    const { code, stderr } = await sockscope(['record', 'tcp-echo', '--capture', 'pcap'], { SOCKSCOPE_TCPDUMP: '/nonexistent/tcpdump' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^sockscope: Packet capture was required but cannot start: tcpdump is not installed/);
  });

  it('says plainly when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { code, stderr } = await sockscope(['serve'], { PORT: String(port), SOCKSCOPE_DATA: await mkdtemp(path.join(tmpdir(), 'sockscope-data-')) });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`sockscope: port ${port} is already in use; stop the program using it or choose another: PORT=${port + 1} npm start`);
    } finally {
      blocker.close();
    }
  });
});
