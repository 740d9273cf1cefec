import { layoutLadder, type LadderLayout } from '@sockscope/ladder';
import type { SessionEvent, SocketsEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { cursorSpan, diagramSocket, kernelTableAt, socketOf, socketStateAt, tcpSockets } from './kernel-view.ts';
import { recordedScenario as record } from '@sockscope/recordings/test-sessions';

/** The ladder row of the first event that passes `test`. */
function rowOf(layout: LadderLayout, events: SessionEvent[], what: string, test: (event: SessionEvent) => boolean): number {
  const event = events.find(test);
  const row = event ? layout.rows.findIndex((candidate) => candidate.eventIds.includes(event.id)) : -1;
  if (row < 0) throw new Error(`no row for ${what}`);
  return row;
}

describe('the kernel view of a real TCP echo session, as the cursor moves', () => {
  const events = record('tcp-echo');
  const layout = layoutLadder(events, { timeMode: 'event', zoom: 1 });
  const at = (row: number) => cursorSpan(events, layout.rows, row)!.end;
  const syn = () => rowOf(layout, events, 'the SYN', (event) => event.kind === 'segment' && event.flags.join() === 'SYN');
  const synAck = () => rowOf(layout, events, 'the SYN-ACK', (event) => event.kind === 'segment' && event.flags.join() === 'SYN,ACK');
  /** The connect step's last row: the kernel's table is read right after it. */
  const connected = () => {
    const step = layout.rows[rowOf(layout, events, 'connect()', (event) => event.kind === 'call' && event.fn === 'connect')]!.stepIndex;
    return layout.rows.findLastIndex((row) => row.stepIndex === step);
  };

  it("covers the cursor's row and what follows it up to the next row, every event exactly once", () => {
    const spans = layout.rows.map((_, row) => cursorSpan(events, layout.rows, row)!);
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(events.length - 1);
    spans.forEach((span, row) => {
      if (row > 0) expect(span.start).toBe(spans[row - 1]!.end + 1);
      for (const id of layout.rows[row]!.eventIds) {
        const index = events.findIndex((event) => event.id === id);
        expect(index).toBeGreaterThanOrEqual(span.start);
        expect(index).toBeLessThanOrEqual(span.end);
      }
    });
    expect(cursorSpan(events, layout.rows, -1)).toBeNull();
  });

  it("shows the table the connect step left behind on that step's last row, and the one before on its SYN", () => {
    const before = kernelTableAt(events, at(syn()))!;
    expect(before.reading.rows.map((row) => row.socket)).toEqual(['s1']);
    expect(before.rows[0]).toMatchObject({ isNew: false });
    expect(before.rows[0]!.changed.size).toBe(0);

    const after = kernelTableAt(events, at(connected()))!;
    expect(after.step?.label).toBe('client: connect()');
    const c1 = after.rows.find(({ row }) => row.socket === 'c1')!;
    const s2 = after.rows.find(({ row }) => row.socket === 's2')!;
    expect(c1.row).toMatchObject({ side: 'client', proto: 'tcp', state: 'ESTABLISHED', recvQ: 0, sendQ: 0 });
    // The kernel's own addresses: each end's local address is the other's remote one.
    expect(c1.row.local).toBe(s2.row.remote);
    expect(c1.row.remote).toBe(s2.row.local);
    expect(c1.row.remote).toMatch(/^127\.\d+\.\d+\.\d+:7007$/);
    expect(c1).toMatchObject({ isNew: true });
    expect([...c1.changed].sort()).toEqual(['local', 'recvQ', 'remote', 'sendQ', 'state']);
    expect(after.rows.find(({ row }) => row.socket === 's1')!.changed.size).toBe(0);
    expect(after.gone).toEqual([]);
  });

  it('marks the changed state after the client closes, and strikes out the socket the kernel let go', () => {
    const readings = events.filter((event): event is SocketsEvent => event.kind === 'sockets');
    const timeWait = readings.findIndex((reading) => reading.rows.some((row) => row.socket === 'c1' && row.state === 'TIME-WAIT'));
    expect(timeWait).toBeGreaterThan(0);
    const table = kernelTableAt(events, events.indexOf(readings[timeWait]!))!;
    const c1 = table.rows.find(({ row }) => row.socket === 'c1')!;
    expect([...c1.changed]).toEqual(['state']);
    expect(c1.isNew).toBe(false);
    expect(table.gone.map((row) => row.socket)).toEqual(['s2']);
  });

  it('has no table before the first reading', () => {
    const first = events.findIndex((event) => event.kind === 'sockets');
    expect(kernelTableAt(events, first - 1)).toBeNull();
    expect(kernelTableAt(events, -1)).toBeNull();
  });

  it("follows c1's state and the transition that led there", () => {
    const beforeSyn = socketStateAt(events, at(syn()) - 3, 'c1');
    expect(beforeSyn).toEqual({ state: 'CLOSED' });
    expect(socketStateAt(events, at(syn()), 'c1')).toMatchObject({ state: 'SYN-SENT', transition: { from: 'CLOSED', to: 'SYN-SENT' } });
    const established = socketStateAt(events, at(synAck()), 'c1');
    expect(established).toMatchObject({ state: 'ESTABLISHED', transition: { from: 'SYN-SENT', to: 'ESTABLISHED', socket: 'c1' } });
    // Taken on the SYN-ACK's row: the student has just stepped onto it.
    const span = cursorSpan(events, layout.rows, synAck())!;
    expect(established.at).toBeGreaterThanOrEqual(span.start);
    expect(established.at).toBeLessThanOrEqual(span.end);
    // Two rows on, it is still the last transition, no longer a new one.
    expect(socketStateAt(events, at(synAck() + 2), 'c1').at).toBe(established.at);
    expect(socketStateAt(events, events.length - 1, 'c1')).toMatchObject({ state: 'TIME-WAIT', transition: { from: 'FIN-WAIT-2' } });
    expect(socketStateAt(events, events.length - 1, 's2').state).toBe('CLOSED');
  });

  it("lists the session's TCP sockets, the listener marked, and shows c1's states unless another is chosen", () => {
    const sockets = tcpSockets(events);
    expect(sockets).toEqual([
      { socket: 's1', side: 'server', listener: true },
      { socket: 'c1', side: 'client', listener: false },
      { socket: 's2', side: 'server', listener: false },
    ]);
    expect(diagramSocket(sockets, undefined)).toBe('c1');
    expect(diagramSocket(sockets, 's2')).toBe('s2');
    expect(diagramSocket(sockets, 'u1')).toBe('c1');
    expect(diagramSocket(sockets.slice(0, 1), undefined)).toBe('s1');
    expect(diagramSocket([], undefined)).toBeUndefined();
  });

  it("finds the socket of a call or a state, and a segment's sender by its addresses in the kernel's table", () => {
    expect(socketOf(events.find((event) => event.kind === 'call' && event.fn === 'accept'), events)).toBe('s1');
    expect(socketOf(events.find((event) => event.kind === 'state' && event.socket === 's2'), events)).toBe('s2');
    expect(socketOf(events.find((event) => event.kind === 'segment' && event.flags.join() === 'SYN'), events)).toBe('c1');
    expect(socketOf(events.find((event) => event.kind === 'segment' && event.flags.join() === 'SYN,ACK'), events)).toBe('s2');
    expect(socketOf(events.find((event) => event.kind === 'note'), events)).toBeUndefined();
    expect(socketOf(undefined, events)).toBeUndefined();
  });
});

describe('the kernel view of a real UDP echo session', () => {
  const events = record('udp-echo');

  it('has no TCP socket for the state diagram, and UDP rows with their drop counters in the table', () => {
    expect(tcpSockets(events)).toEqual([]);
    const table = kernelTableAt(events, events.length - 1);
    const readings = events.filter((event): event is SocketsEvent => event.kind === 'sockets');
    const withRows = readings.find((reading) => reading.rows.length > 0)!;
    expect(withRows.rows.every((row) => row.proto === 'udp' && row.drops !== undefined)).toBe(true);
    expect(table).not.toBeNull();
  });
});

describe('a connection refused', () => {
  it('ends SYN-SENT by the RST it received, not by the figure\'s CLOSE arrow', () => {
    for (const packets of ['captured', 'inferred'] as const) {
      const events = record('connection-refused', packets);
      const closed = socketStateAt(events, events.length - 1, 'c1');
      expect(closed, packets).toMatchObject({ state: 'CLOSED', transition: { from: 'SYN-SENT', to: 'CLOSED' }, byReset: true });
    }
    // A listener the program closes leaves LISTEN by CLOSE: no reset.
    const events = record('connection-refused');
    expect(socketStateAt(events, events.length - 1, 's1')).toMatchObject({ state: 'CLOSED', transition: { from: 'LISTEN' } });
    expect(socketStateAt(events, events.length - 1, 's1').byReset).toBeUndefined();
  });
});
