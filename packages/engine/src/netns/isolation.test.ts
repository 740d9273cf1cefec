import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionEvent, type CaptureStatus, type DropEvent, type SocketRow } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import type { EngineSession } from '../engine-session.ts';
import { parseProcNet } from '../kernel-table.ts';
import { openSession } from '../open-session.ts';
import { builtInScenario } from '../scenarios/index.ts';
import { Session } from '../session.ts';

// Real kernel, real namespaces, real tcpdump: `backlog-full` makes the kernel drop SYNs at a full
// accept queue (TCP's ListenOverflows goes up) while `tcp-echo` runs beside it.

type Open = (name: string) => Promise<EngineSession>;
const namespaced: Open = (name) => openSession({ scenario: builtInScenario(name), capture: 'pcap' });
const inProcess: Open = (name) => Session.open({ scenario: builtInScenario(name), capture: 'pcap' });

/** Opens both at the same time, then steps them by turns, so that each reads the kernel while the other runs. */
async function runSideBySide(open: Open, midway?: (backlog: EngineSession, echo: EngineSession) => void) {
  const [backlog, echo] = await Promise.all([open('backlog-full'), open('tcp-echo')]);
  try {
    while (!backlog.finished || !echo.finished) {
      if (!backlog.finished) await backlog.step();
      if (!echo.finished) await echo.step();
      if (backlog.nextStep === 5) midway?.(backlog, echo);
    }
  } finally {
    await Promise.all([backlog.close(), echo.close()]);
  }
  for (const event of [...backlog.log.all(), ...echo.log.all()]) expect(SessionEvent.safeParse(event).error).toBeUndefined();
  return { backlog: [...backlog.log.all()], echo: [...echo.log.all()] };
}

const drops = (events: readonly SessionEvent[]) => events.filter((event): event is DropEvent => event.kind === 'drop');
const rows = (events: readonly SessionEvent[]): SocketRow[] => events.flatMap((event) => (event.kind === 'sockets' ? event.rows : []));
const host = (endpoint: string) => endpoint.slice(0, endpoint.lastIndexOf(':'));
/** The session's server address: where its listener listens. */
const serverAddress = (events: readonly SessionEvent[]) => host(rows(events).find((row) => row.socket === 's1')?.local ?? '');

/** Every row of the socket tables the process `pid` sees (its network namespace's), TCP and UDP. */
function tablesOf(pid: number) {
  return [
    ...parseProcNet(readFileSync(`/proc/${pid}/net/tcp`, 'utf8'), 'tcp'),
    ...parseProcNet(readFileSync(`/proc/${pid}/net/udp`, 'utf8'), 'udp'),
  ];
}
const processOf = (session: EngineSession) => (session as unknown as { child: { pid: number } }).child.pid;

describe('two sessions, each in a network of its own', () => {
  it('keeps the SYNs one drops out of the other: tcp-echo beside backlog-full shows no drop', async () => {
    let tables: { backlog: ReturnType<typeof tablesOf>; echo: ReturnType<typeof tablesOf> } | undefined;
    const { backlog, echo } = await runSideBySide(namespaced, (b, e) => {
      tables ??= { backlog: tablesOf(processOf(b)), echo: tablesOf(processOf(e)) };
    });
    expect(drops(backlog).some((drop) => drop.reason === 'accept-queue-full')).toBe(true);
    expect(drops(echo)).toEqual([]);

    // Each session's namespace holds its own sockets and no other's: every row of its kernel's
    // tables (its listener, its connections, its capture's marker socket) has its server address.
    const addresses = { backlog: serverAddress(backlog), echo: serverAddress(echo) };
    expect(addresses.backlog).not.toBe('');
    expect(addresses.echo).not.toBe('');
    for (const side of ['backlog', 'echo'] as const) {
      const table = tables?.[side] ?? [];
      expect(table.length).toBeGreaterThan(1);
      for (const row of table) expect([host(row.local), host(row.remote)], `${side}: ${row.local} ${row.remote}`).toContain(addresses[side]);
    }
    // And the readings in the event stream name only the session's own sockets.
    expect(rows(echo).every((row) => [host(row.local), host(row.remote)].includes(addresses.echo))).toBe(true);
    expect(rows(backlog).every((row) => [host(row.local), host(row.remote)].includes(addresses.backlog))).toBe(true);
  }, 60_000);

  it('says so in each session: a network of its own', async () => {
    const session = await namespaced('udp-echo');
    await session.close();
    expect(session.captureStatus).toMatchObject({ mode: 'pcap', via: 'tcpdump', network: { own: true } });
    expect(session.log.all().find((event) => event.kind === 'note' && event.code === 'network')).toMatchObject({ level: 'info' });
  });
});

describe('two sessions in the machine\'s network (what a namespace prevents)', () => {
  it('shows the SYNs backlog-full made the kernel drop on tcp-echo\'s listener too: the counter is the machine\'s', async () => {
    const { backlog, echo } = await runSideBySide(inProcess);
    expect(drops(backlog).some((drop) => drop.reason === 'accept-queue-full')).toBe(true);
    expect(drops(echo).filter((drop) => drop.reason === 'accept-queue-full' && drop.socket === 's1').length).toBeGreaterThan(0);
  }, 60_000);
});

const checkout = fileURLToPath(new URL('../../../..', import.meta.url));
const cliIn = (root: string, args: string[]) => [path.join(root, 'apps/server/bin/sockscope.js'), 'record', ...args];

/** The recording the CLI printed: its capture status and its events. */
function recorded(output: string): { capture: CaptureStatus; events: SessionEvent[] } {
  const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { type: string; tracks?: { capture: CaptureStatus }[]; event?: SessionEvent });
  const capture = lines[0]?.tracks?.[0]?.capture;
  if (!capture) throw new Error(`no recording header in: ${output.slice(0, 300)}`);
  return { capture, events: lines.flatMap((line) => (line.type === 'event' && line.event ? [line.event] : [])) };
}

/** Runs the CLI's record as a user without root (nobody, when we are root). */
function recordWithoutRoot(args: string[]): { capture: CaptureStatus; events: SessionEvent[] } {
  let output: string;
  if (process.getuid?.() === 0) {
    // nobody may not reach the checkout (a clone under /root): in a mount namespace of its own
    // the checkout is bound onto a folder anyone can enter, and there we become nobody.
    const view = mkdtempSync(path.join(tmpdir(), 'sockscope-nobody-'));
    chmodSync(view, 0o755);
    try {
      const script = 'mount --bind "$1" "$2" && shift 2 && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"';
      output = execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', checkout, view, process.execPath, ...cliIn(view, args)],
        { env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 }).toString();
    } finally {
      rmdirSync(view);
    }
  } else {
    output = execFileSync(process.execPath, cliIn(checkout, args), { env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 }).toString();
  }
  return recorded(output);
}

describe('without root', () => {
  it('captures an ordinary session with tcpdump inside its user and network namespace', () => {
    const { capture, events } = recordWithoutRoot(['tcp-echo', '--capture', 'pcap']);
    expect(capture).toMatchObject({ mode: 'pcap', via: 'tcpdump', network: { own: true } });
    const segments = events.filter((event) => event.kind === 'segment');
    expect(segments.map((segment) => segment.source)).toEqual(Array(11).fill('captured'));
    expect(rows(events).find((row) => row.socket === 's1')?.state).toBe('LISTEN');
  }, 60_000);
});

describe('where no network namespace can be made', () => {
  it('runs the session in the machine\'s network, and says so and what it shares', () => {
    // Without unshare on the PATH no namespace can be made; tcpdump is still found in /usr/bin.
    const output = execFileSync(process.execPath, cliIn(checkout, ['tcp-echo']), { env: { ...process.env, PATH: '/nonexistent' }, timeout: 60_000 }).toString();
    const { capture, events } = recorded(output);
    expect(capture.network).toEqual({ own: false, reason: expect.stringContaining('unshare is not installed') });
    const note = events.find((event) => event.kind === 'note' && event.code === 'network');
    expect(note).toMatchObject({ level: 'warn', text: expect.stringMatching(/shares the machine's network: its ports, the kernel's socket tables and counters/) });
    expect(events.filter((event) => event.kind === 'segment')).toHaveLength(11);
  }, 60_000);
});
