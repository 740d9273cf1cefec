import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeliveryEvent, SegmentEvent, SessionEvent, SocketRow } from '@sockscope/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInScenario } from '../scenarios/index.ts';
import { holdAvailability } from './availability.ts';
import { RemoteSession } from './remote-session.ts';

// Real kernel, real NFQUEUE, real network namespaces. Where holding the wire should work (CI
// runs as root on Linux with the helper built by `npm test`'s setup), an unavailable mode fails
// these tests with its reason instead of skipping them.
beforeAll(async () => {
  const availability = await holdAvailability();
  if (!availability.available) throw new Error(`holding the wire is unavailable: ${availability.reason}`);
});

async function open(name: string, hold: { delayMs?: number; drop?: string } = {}): Promise<RemoteSession> {
  return RemoteSession.open({ scenario: builtInScenario(name), hold });
}

const lastTable = (events: readonly SessionEvent[]): SocketRow[] => {
  const reading = events.findLast((event) => event.kind === 'sockets');
  return reading?.kind === 'sockets' ? reading.rows : [];
};
const stateOf = (events: readonly SessionEvent[], socket: string) => lastTable(events).find((row) => row.socket === socket)?.state;
const segmentById = (events: readonly SessionEvent[], id: number | undefined) =>
  events.find((event): event is SegmentEvent => event.kind === 'segment' && event.id === id);

describe('a held handshake, packet by packet', () => {
  it('shows the true states in the kernel table between packets', async () => {
    const session = await open('tcp-echo');
    try {
      for (let i = 0; i < 2; i += 1) await session.step(); // listen, accept
      // connect()'s step lasts until connect() returns: the handshake is delivered meanwhile.
      const connecting = session.step();
      await expect.poll(() => session.heldPackets.length).toBe(1);
      const events = () => session.log.all();
      const [synId] = session.heldPackets;
      expect(segmentById(events(), synId)).toMatchObject({ from: 'client', flags: ['SYN'], source: 'captured', hold: {} });
      await expect.poll(() => stateOf(events(), 'c1')).toBe('SYN-SENT');

      await session.decide('delivered');
      const synAck = segmentById(events(), session.heldPackets[0]);
      expect(synAck?.flags).toEqual(['SYN', 'ACK']);
      expect(synAck?.ack).toBe(((segmentById(events(), synId)?.seq ?? 0) + 1) >>> 0);
      expect(stateOf(events(), 'c1')).toBe('SYN-SENT');
      expect(stateOf(events(), 's2')).toBe('SYN-RECEIVED');

      await session.decide('delivered');
      expect(segmentById(events(), session.heldPackets[0])?.flags).toEqual(['ACK']);
      expect(stateOf(events(), 'c1')).toBe('ESTABLISHED');
      expect(stateOf(events(), 's2')).toBe('SYN-RECEIVED');

      await session.decide('delivered');
      expect(stateOf(events(), 's2')).toBe('ESTABLISHED');
      await connecting;
      const deliveries = events().filter((event): event is DeliveryEvent => event.kind === 'delivery');
      expect(deliveries.map((d) => [d.verdict, d.by])).toEqual([['delivered', 'user'], ['delivered', 'user'], ['delivered', 'user']]);
    } finally {
      await session.close();
    }
  });
});

describe('dropping a packet', () => {
  it('makes the kernel retransmit a dropped SYN-ACK with the same seq, after its timeout', async () => {
    const session = await open('tcp-echo', { delayMs: 0, drop: 'SYN, ACK' });
    try {
      for (let i = 0; i < 3; i += 1) await session.step();
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const events = session.log.all();
      const dropped = events.find((event): event is DeliveryEvent => event.kind === 'delivery' && event.verdict === 'dropped');
      expect(dropped?.by).toBe('rule');
      const original = segmentById(events, dropped?.of);
      expect(original?.flags).toEqual(['SYN', 'ACK']);
      const again = events.find((event): event is SegmentEvent => event.kind === 'segment' && event.retransmitOf === original?.id && event.from === 'server');
      expect(again?.seq).toBe(original?.seq);
      expect(((again?.t ?? 0) - (original?.t ?? 0)) / 1000).toBeGreaterThan(500);
      expect(stateOf(session.log.all(), 'c1')).toBe('ESTABLISHED');
    } finally {
      await session.close();
    }
  });

  it('loses a dropped UDP datagram for good', async () => {
    const session = await open('udp-echo', { delayMs: 0, drop: 'UDP' });
    try {
      while (!session.finished) await session.step();
      const events = session.log.all();
      const datagrams = events.filter((event) => event.kind === 'datagram');
      expect(datagrams).toHaveLength(1);
      expect(events.find((event) => event.kind === 'delivery')).toMatchObject({ of: datagrams[0]?.id, verdict: 'dropped' });
      const serverReads = events.filter((event) => event.kind === 'call' && event.side === 'server' && event.fn === 'recvfrom' && event.phase !== 'enter');
      expect(serverReads).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

/** A process and all its descendants, from /proc. */
function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(tree)];
}

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('a session ended with packets still held', () => {
  it('leaves nothing in the queue, no namespace and no process behind', async () => {
    const session = await open('tcp-echo');
    for (let i = 0; i < 2; i += 1) await session.step();
    // Closed while connect()'s step still waits for the SYN's verdict.
    const connecting = session.step();
    await expect.poll(() => session.heldPackets.length).toBe(1);
    const child = (session as unknown as { child: { pid: number } }).child.pid;
    const processes = tree(child);
    // unshare, the session's node, its queue helper and its listening process.
    expect(processes.length).toBeGreaterThanOrEqual(3);
    const namespace = execFileSync('readlink', [`/proc/${processes.at(-1)}/ns/net`]).toString().trim();
    expect(namespace).not.toBe(execFileSync('readlink', ['/proc/self/ns/net']).toString().trim());
    await session.close();
    await connecting;
    const events = session.log.all();
    expect(events.filter((event) => event.kind === 'delivery' && event.by === 'session-end').length).toBeGreaterThanOrEqual(1);
    expect(session.heldPackets).toEqual([]);
    expect(processes.filter(alive)).toEqual([]);
    // A network namespace lives while a process is in it (or a mount holds it; none does).
    const inNamespace = execFileSync('sh', ['-c', `for p in /proc/[0-9]*; do readlink $p/ns/net 2>/dev/null; done`]).toString();
    expect(inNamespace.split('\n')).not.toContain(namespace);
  });
});

describe('without root', () => {
  it('holds the wire in a user and network namespace, and captures from the queue', () => {
    const checkout = fileURLToPath(new URL('../../../..', import.meta.url));
    const cliIn = (root: string) => [path.join(root, 'apps/server/bin/sockscope.js'), 'record', 'tcp-echo', '--hold', '--delay', '0'];
    const asRoot = process.getuid?.() === 0;
    let output: string;
    if (asRoot) {
      // As root, become nobody first (setpriv), so that the session must make a user namespace itself.
      // nobody may not be able to reach the checkout (a clone under /root, mode 700): in a mount
      // namespace of its own the checkout is bound onto a folder anyone can enter.
      const view = mkdtempSync(path.join(tmpdir(), 'sockscope-nobody-'));
      chmodSync(view, 0o755);
      try {
        const script = 'mount --bind "$1" "$2" && shift 2 && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"';
        output = execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', checkout, view, process.execPath, ...cliIn(view)],
          { env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 }).toString();
      } finally {
        rmdirSync(view);
      }
    } else {
      output = execFileSync(process.execPath, cliIn(checkout), { env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 }).toString();
    }
    // The CLI prints a recording: a header line, then one line per event of its track.
    const events = output.trim().split('\n').map((line) => JSON.parse(line) as { type: string; event?: SessionEvent })
      .flatMap((line) => (line.type === 'event' && line.event ? [line.event] : []));
    const segments = events.filter((event): event is SegmentEvent => event.kind === 'segment');
    const syn = segments.find((s) => s.flags.join() === 'SYN');
    const synAck = segments.find((s) => s.flags.join() === 'SYN,ACK');
    expect(segments.every((s) => s.source === 'captured' && s.hold !== undefined)).toBe(true);
    expect(synAck?.ack).toBe(((syn?.seq ?? 0) + 1) >>> 0);
    expect(events.filter((event) => event.kind === 'delivery').length).toBe(segments.length);
    expect(events.find((event) => event.kind === 'note' && event.code === 'capture')).toMatchObject({ text: expect.stringContaining('NFQUEUE') });
  });
});
