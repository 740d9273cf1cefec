import type { CallEvent, DropEvent, SegmentEvent, SessionEvent, SocketRow } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { openSession } from './open-session.ts';
import { calls, flagsOf, runScenario, segments } from './test-helpers.ts';

// Each fault scenario runs once on the real kernel with real capture (demanded: 'pcap'), as the
// server runs it (openSession: in a network namespace of its own), and its tests assert what the
// kernel did, in the order it did it.

/** The kernel table read at the end of step `index` (0-based). */
function tableAfterStep(events: readonly SessionEvent[], index: number): SocketRow[] {
  const end = events.findIndex((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === index);
  const reading = events.slice(0, end).findLast((event) => event.kind === 'sockets');
  if (!reading || reading.kind !== 'sockets') throw new Error(`no kernel reading before the end of step ${index + 1}`);
  return reading.rows;
}

function row(rows: readonly SocketRow[], socket: string): SocketRow | undefined {
  return rows.find((candidate) => candidate.socket === socket);
}

function returns(events: readonly SessionEvent[], side: string, fn: CallEvent['fn']): CallEvent[] {
  return calls(events, side).filter((call) => call.fn === fn && call.phase !== 'enter');
}

function stepStart(events: readonly SessionEvent[], index: number): number {
  const start = events.find((event) => event.kind === 'note' && event.code === 'step-start' && event.step?.index === index);
  if (!start) throw new Error(`no step ${index + 1}`);
  return start.t;
}

describe('connection-refused', async () => {
  const { byTime } = await runScenario('connection-refused', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);

  it('captures the SYN to the closed port and the RST that answers it', () => {
    expect(wire.map((s) => `${s.from}: ${flagsOf(s)}`)).toEqual(['client: SYN', 'server: RST, ACK']);
    const [syn, rst] = wire as [SegmentEvent, SegmentEvent];
    expect(syn.dst).toMatch(/:7009$/);
    expect(rst.ack).toBe(((syn.seq ?? 0) + 1) >>> 0);
    expect(wire.every((s) => s.source === 'captured')).toBe(true);
  });

  it('fails connect() with ECONNREFUSED after the RST', () => {
    const [failed] = returns(byTime, 'client', 'connect');
    expect(failed?.phase).toBe('error');
    expect(failed?.errno).toBe('ECONNREFUSED');
    expect(failed?.t).toBeGreaterThanOrEqual(wire[1]?.t ?? Infinity);
  });
});

describe('abortive-close', async () => {
  const { byTime } = await runScenario('abortive-close', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);
  const rst = wire.find((s) => s.flags.includes('RST'));

  it('sends a captured RST from the client and no FIN from it', () => {
    expect(rst?.from).toBe('client');
    expect(rst?.source).toBe('captured');
    expect(wire.filter((s) => s.from === 'client' && s.flags.includes('FIN'))).toEqual([]);
    const linger = calls(byTime, 'client').find((call) => call.fn === 'setsockopt' && call.args?.option === 'SO_LINGER');
    expect(linger?.args).toMatchObject({ onoff: 1, linger: 0 });
  });

  it("fails the server's next recv() with ECONNRESET", () => {
    const last = returns(byTime, 'server', 'recv').at(-1);
    expect(last?.phase).toBe('error');
    expect(last?.errno).toBe('ECONNRESET');
    expect(last?.t).toBeGreaterThan(rst?.t ?? Infinity);
  });
});

describe('half-close', async () => {
  const { byTime, events } = await runScenario('half-close', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);
  const clientFin = wire.find((s) => s.from === 'client' && s.flags.includes('FIN'));
  const serverFin = wire.find((s) => s.from === 'server' && s.flags.includes('FIN'));

  it("captures the client's FIN when it calls shutdown(SHUT_WR)", () => {
    const shutdown = calls(byTime, 'client').find((call) => call.fn === 'shutdown' && call.phase === 'enter');
    expect(shutdown?.args).toEqual({ how: 'SHUT_WR' });
    expect(clientFin?.t).toBeGreaterThanOrEqual(shutdown?.t ?? Infinity);
    expect(tableAfterStep(events, 4).map((r) => [r.socket, r.state])).toEqual(
      expect.arrayContaining([['c1', 'FIN-WAIT-2'], ['s2', 'CLOSE-WAIT']]),
    );
  });

  it('lets the server read the data, then end of file, and still send after it', () => {
    expect(returns(byTime, 'server', 'recv').map((call) => call.result)).toEqual([5, 0]);
    const reply = wire.find((s) => s.from === 'server' && s.len > 0);
    expect(reply?.payload?.text).toBe('still here');
    expect(reply?.t).toBeGreaterThan(clientFin?.t ?? Infinity);
  });

  it('lets the client receive after its own FIN; then the server closes', () => {
    expect(returns(byTime, 'client', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[10, 'still here'], [0, undefined]]);
    expect(serverFin?.t).toBeGreaterThan(wire.find((s) => s.from === 'server' && s.len > 0)?.t ?? Infinity);
  });
});

describe('write-after-peer-close', async () => {
  const { byTime } = await runScenario('write-after-peer-close', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);

  it("answers the client's data after the server's FIN with the server kernel's RST", () => {
    const fin = wire.find((s) => s.from === 'server' && s.flags.includes('FIN'));
    const data = wire.find((s) => s.from === 'client' && s.len > 0);
    const rst = wire.find((s) => s.from === 'server' && s.flags.includes('RST'));
    expect(data?.t).toBeGreaterThan(fin?.t ?? Infinity);
    expect(rst?.t).toBeGreaterThanOrEqual(data?.t ?? Infinity);
    expect(rst?.seq).toBe(data?.ack);
  });

  it('lets the first send() succeed and fails the next with EPIPE or ECONNRESET', () => {
    const [first, second] = returns(byTime, 'client', 'send');
    expect(first).toMatchObject({ phase: 'return', result: 5 });
    expect(second?.phase).toBe('error');
    expect(['EPIPE', 'ECONNRESET']).toContain(second?.errno);
  });
});

describe('time-wait', async () => {
  const { events } = await runScenario('time-wait', { capture: 'pcap' }, openSession);

  it("leaves the client's socket in TIME-WAIT and the server's gone (CLOSED)", () => {
    const serverClosed = tableAfterStep(events, 7);
    expect(row(serverClosed, 'c1')?.state).toBe('TIME-WAIT');
    expect(row(serverClosed, 's2')).toBeUndefined();
    const lastState = (socket: string) => events.filter((e) => e.kind === 'state' && e.socket === socket).at(-1);
    expect(lastState('s2')).toMatchObject({ to: 'CLOSED' });
    expect(lastState('c1')).toMatchObject({ to: 'TIME-WAIT' });
  });
});

describe('tcp-boundaries and udp-boundaries', async () => {
  const tcp = await runScenario('tcp-boundaries', { capture: 'pcap' }, openSession);
  const udp = await runScenario('udp-boundaries', { capture: 'pcap' }, openSession);

  it('TCP: two sends of "hel" and "lo", one recv() of 5 bytes', () => {
    expect(segments(tcp.byTime).filter((s) => s.len > 0).map((s) => s.payload?.text)).toEqual(['hel', 'lo']);
    const [first] = returns(tcp.byTime, 'server', 'recv');
    expect(first).toMatchObject({ result: 5, args: { data: 'hello' } });
  });

  it('UDP: two datagrams, two recvfrom() of 3 and 2 bytes', () => {
    expect(udp.byTime.filter((e) => e.kind === 'datagram').map((e) => e.kind === 'datagram' && e.payload?.text)).toEqual(['hel', 'lo']);
    expect(returns(udp.byTime, 'server', 'recvfrom').map((call) => [call.result, call.args?.data])).toEqual([[3, 'hel'], [2, 'lo']]);
  });
});

describe('udp-closed-port', async () => {
  const { byTime } = await runScenario('udp-closed-port', { capture: 'pcap' }, openSession);
  const icmp = byTime.find((event) => event.kind === 'icmp');

  it('captures the datagram and the ICMP port unreachable that answers it', () => {
    const datagram = byTime.find((event) => event.kind === 'datagram');
    expect(datagram).toMatchObject({ from: 'client', source: 'captured' });
    expect(icmp).toMatchObject({ kind: 'icmp', from: 'server', to: 'client', type: 3, code: 3, source: 'captured', about: { proto: 'udp', dstPort: 7009 } });
  });

  it("fails the connected client's next call with ECONNREFUSED", () => {
    const next = returns(byTime, 'client', 'recvfrom')[0];
    expect(next?.phase).toBe('error');
    expect(next?.errno).toBe('ECONNREFUSED');
    expect(next?.t).toBeGreaterThan(icmp?.t ?? Infinity);
  });
});

describe('udp-overflow', async () => {
  const { byTime, events } = await runScenario('udp-overflow', { capture: 'pcap' }, openSession);
  const drops = byTime.filter((event): event is DropEvent => event.kind === 'drop');

  it('sends all 20 datagrams on the wire, and the kernel counts the ones it dropped', () => {
    expect(byTime.filter((event) => event.kind === 'datagram')).toHaveLength(20);
    const counted = row(tableAfterStep(events, 3), 's1')?.drops ?? 0;
    expect(counted).toBeGreaterThan(0);
    expect(drops).toEqual([expect.objectContaining({ socket: 's1', reason: 'receive-buffer-full', count: counted })]);
  });

  it('reports no error to anyone: the survivors are read as usual', () => {
    expect(calls(byTime).filter((call) => call.phase === 'error')).toEqual([]);
    expect(returns(byTime, 'server', 'recvfrom').map((call) => call.result)).toEqual([512, 512]);
  });
});

describe('backlog-full', async () => {
  const { byTime, events } = await runScenario('backlog-full', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);
  const synsOf = (port: string) => wire.filter((s) => s.src.endsWith(`:${port}`) && flagsOf(s) === 'SYN');
  const clientPorts = [...new Set(wire.filter((s) => flagsOf(s) === 'SYN').map((s) => s.src.split(':')[1] ?? ''))];

  it('completes backlog + 1 handshakes in the kernel while nobody calls accept()', () => {
    const table = tableAfterStep(events, 4);
    expect(row(table, 's1')).toMatchObject({ state: 'LISTEN', recvQ: 2 });
    expect(['c1', 'c2'].map((id) => row(table, id)?.state)).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    expect(['c3', 'c4'].map((id) => row(table, id)?.state)).toEqual(['SYN-SENT', 'SYN-SENT']);
    expect(calls(byTime, 'server').filter((call) => call.fn === 'accept' && call.t < stepStart(byTime, 6))).toEqual([]);
  });

  it('drops the later SYNs, which the clients send again about a second apart', () => {
    expect(clientPorts).toHaveLength(4);
    const late = synsOf(clientPorts[2] ?? '');
    expect(late.length).toBeGreaterThanOrEqual(3);
    const [first, second] = late as [SegmentEvent, SegmentEvent];
    expect(second.retransmitOf).toBe(first.id);
    expect(second.seq).toBe(first.seq);
    expect((second.t - first.t) / 1000).toBeGreaterThan(800);
    // ListenOverflows is counted per network namespace: in the session's own, each SYN the kernel dropped and no other.
    const dropped = byTime.filter((event): event is DropEvent => event.kind === 'drop' && event.reason === 'accept-queue-full');
    expect(dropped.every((drop) => drop.socket === 's1')).toBe(true);
    expect(dropped.reduce((sum, drop) => sum + drop.count, 0)).toBe(clientPorts.reduce((sum, port) => sum + synsOf(port).length - 1, 0));
  });

  it('empties the accept queue at accept(), and the retransmitted SYNs then get through', () => {
    expect(row(tableAfterStep(events, 6), 's1')?.recvQ).toBe(0);
    for (const port of clientPorts.slice(2)) {
      const lastSyn = synsOf(port).at(-1);
      const synAck = wire.find((s) => s.dst.endsWith(`:${port}`) && flagsOf(s) === 'SYN, ACK');
      expect(synAck?.t).toBeGreaterThan(stepStart(byTime, 6));
      expect(synAck?.ack).toBe(((lastSyn?.seq ?? 0) + 1) >>> 0);
    }
    expect(returns(byTime, 'client', 'connect').every((call) => call.phase === 'return')).toBe(true);
  });
}, 30_000);

describe('zero-window', async () => {
  const { byTime, events } = await runScenario('zero-window', { capture: 'pcap' }, openSession);
  const wire = segments(byTime);
  const zero = wire.find((s) => s.from === 'server' && s.win === 0);

  it("shrinks the server's advertised window to 0 while unread bytes pile up in its receive queue", () => {
    expect(zero?.source).toBe('captured');
    expect(row(tableAfterStep(events, 4), 's2')?.recvQ).toBeGreaterThan(64 * 1024);
  });

  it("makes the client's kernel probe the window", () => {
    const probes = wire.filter((s) => s.from === 'client' && s.len === 0 && s.t > (zero?.t ?? Infinity) && s.t < stepStart(byTime, 5)
      && s.seq === (((zero?.ack ?? 0) - 1) >>> 0));
    expect(probes.length).toBeGreaterThanOrEqual(1);
  });

  it('lets all of it flow once recv() resumes', () => {
    const reads = returns(byTime, 'server', 'recv');
    expect(reads.every((call) => call.phase === 'return')).toBe(true);
    expect(reads.reduce((sum, call) => sum + Number(call.result), 0)).toBe(512 * 1024);
    expect(reads.at(-1)?.result).toBe(0);
    expect(reads[0]?.t).toBeGreaterThan(stepStart(byTime, 5));
  });
});
