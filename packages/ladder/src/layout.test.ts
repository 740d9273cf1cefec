import type { CallEvent, SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { arrowRoom, laneGeometry, monoStyle } from './geometry.ts';
import { textWidth } from './text-width.ts';
import { ARROW_LEAN, GAP_HEIGHT, layoutLadder, ROW_HEIGHT, STEP_HEIGHT, TOP_PAD, type Row } from './layout.ts';
import { visibleItems } from './visible.ts';

let nextId = 1;
const at = (t: number) => ({ id: nextId++, t });
const step = (t: number, index: number, label: string): SessionEvent =>
  ({ ...at(t), kind: 'note', source: 'traced', code: 'step-start', level: 'info', text: label, step: { index, label } });
const call = (t: number, side: string, socket: string, fn: CallEvent['fn'], phase: CallEvent['phase'], extra: Partial<CallEvent> = {}): SessionEvent =>
  ({ ...at(t), kind: 'call', source: 'traced', side, socket, fn, phase, via: 'test', ...extra });
const segment = (t: number, from: string, flags: ('SYN' | 'ACK' | 'FIN' | 'PSH')[], relSeq: number, relAck?: number): SessionEvent => ({
  ...at(t), kind: 'segment', source: 'captured', from, to: from === 'client' ? 'server' : 'client',
  src: from === 'client' ? '127.0.0.1:40000' : '127.9.9.9:7007', dst: from === 'client' ? '127.9.9.9:7007' : '127.0.0.1:40000',
  flags, relSeq, ...(relAck !== undefined && { relAck }), len: 0,
});
const state = (t: number, side: string, socket: string, from: string, to: string): SessionEvent =>
  ({ ...at(t), kind: 'state', source: 'inferred', side, socket, from, to } as SessionEvent);

/** Listen, accept, connect: a real session's first three steps, times in µs. */
function handshake(): SessionEvent[] {
  nextId = 1;
  return [
    step(100, 0, 'server: listen()'),
    call(110, 'server', 's1', 'listen', 'enter', { args: { backlog: 511 } }),
    call(120, 'server', 's1', 'listen', 'return', { result: 0 }),
    state(120, 'server', 's1', 'CLOSED', 'LISTEN'),
    step(40_000, 1, 'server: accept()'),
    call(40_010, 'server', 's1', 'accept', 'enter'),
    step(80_000, 2, 'client: connect()'),
    call(80_010, 'client', 'c1', 'connect', 'enter', { args: { address: '127.9.9.9', port: 7007 } }),
    segment(80_100, 'client', ['SYN'], 0),
    state(80_100, 'client', 'c1', 'CLOSED', 'SYN-SENT'),
    state(80_100, 'server', 's2', 'LISTEN', 'SYN-RECEIVED'),
    segment(80_120, 'server', ['SYN', 'ACK'], 0, 1),
    state(80_120, 'client', 'c1', 'SYN-SENT', 'ESTABLISHED'),
    segment(80_130, 'client', ['ACK'], 1, 1),
    state(80_130, 'server', 's2', 'SYN-RECEIVED', 'ESTABLISHED'),
    call(80_400, 'server', 's1', 'accept', 'return', { result: 's2' }),
    call(80_450, 'client', 'c1', 'connect', 'return', { result: 0 }),
  ];
}

describe('the event-spaced layout', () => {
  const events = handshake();
  const layout = layoutLadder(events, { timeMode: 'event', zoom: 1 });

  it('gives each drawn event a row in time order; states share their segment row; instant calls take one', () => {
    expect(layout.rows.map((row) => row.tUs)).toEqual([120, 40_010, 80_010, 80_100, 80_120, 80_130, 80_400, 80_450]);
    expect(layout.rows[0]?.eventIds).toEqual([3, 2, 4]);
    expect(layout.rows[3]?.eventIds).toEqual([9, 10, 11]);
  });

  it('puts each step marker above its rows and compresses long pauses into gaps with their length', () => {
    expect(layout.steps.map((s) => s.label)).toEqual(['server: listen()', 'server: accept()', 'client: connect()']);
    expect(layout.steps[0]?.y).toBe(TOP_PAD);
    expect(layout.rows[0]?.y).toBe(TOP_PAD + STEP_HEIGHT);
    expect(layout.gaps.map((gap) => gap.durationUs)).toEqual([39_880, 39_990]);
    expect(layout.steps[1]?.y).toBe(TOP_PAD + STEP_HEIGHT + ROW_HEIGHT + GAP_HEIGHT);
    for (let i = 1; i < layout.rows.length; i += 1) expect(layout.rows[i]!.y).toBeGreaterThanOrEqual(layout.rows[i - 1]!.y + ROW_HEIGHT);
  });

  it('draws a blocking call from its enter to its return, an instant one on its row', () => {
    const accept = layout.calls.find((c) => c.fn === 'accept');
    expect(accept).toMatchObject({ instant: false, status: 'returned', result: '→ s2', rowStart: 1, rowEnd: 6 });
    expect(accept!.y0).toBeLessThan(layout.rows[1]!.center);
    expect(accept!.y1).toBeGreaterThan(layout.rows[6]!.center);
    expect(layout.calls.find((c) => c.fn === 'listen')).toMatchObject({ instant: true, label: 'listen(511)', result: '→ 0' });
  });

  it('leans arrows downward from sender to receiver, labelled as Wireshark does', () => {
    expect(layout.arrows.map((a) => [a.label, a.from, a.to])).toEqual([
      ['SYN seq=0', 'client', 'server'], ['SYN, ACK seq=0 ack=1', 'server', 'client'], ['ACK seq=1 ack=1', 'client', 'server'],
    ]);
    for (const arrow of layout.arrows) expect(arrow.y1 - arrow.y0).toBe(ARROW_LEAN);
  });

  it('runs each state band from where it begins to where the same socket changes again', () => {
    const c1 = layout.bands.filter((band) => band.socket === 'c1');
    expect(c1.map((band) => band.state)).toEqual(['SYN-SENT', 'ESTABLISHED']);
    expect(c1[0]!.y1).toBe(c1[1]!.y0);
    expect(c1[1]).toMatchObject({ open: true, y1: layout.height - 20 });
    expect(layout.bands.find((band) => band.socket === 's1')?.state).toBe('LISTEN');
  });

  it('names the lanes, their endpoints and their sockets, with the widest call and arrow label each writes', () => {
    expect(layout.lanes).toEqual([
      { side: 'client', endpoint: '127.0.0.1:40000', sockets: ['c1'], longestCall: 'connect(127.9.9.9:7007)', longestArrow: 'ACK seq=1 ack=1' },
      { side: 'server', endpoint: '127.9.9.9:7007', sockets: ['s1', 's2'], longestCall: 'listen(511) → 0', longestArrow: 'SYN, ACK seq=0 ack=1' },
    ]);
  });

  it('leaves a call that has not returned open to the end, marked waiting', () => {
    const waiting = layoutLadder(events.slice(0, 6), { timeMode: 'event', zoom: 1 });
    expect(waiting.calls.find((c) => c.fn === 'accept')).toMatchObject({ status: 'waiting', y1: waiting.height - 20 });
  });

  it('grows rows with the zoom', () => {
    const zoomed = layoutLadder(events, { timeMode: 'event', zoom: 2 });
    expect(zoomed.rows[1]!.y - zoomed.rows[0]!.y).toBeGreaterThan(layout.rows[1]!.y - layout.rows[0]!.y);
  });
});

describe('the proportional layout', () => {
  it('places rows at their time and draws loopback packets level', () => {
    const layout = layoutLadder(handshake(), { timeMode: 'proportional', zoom: 1000 });
    // An instant call is drawn where it was entered; its row is timed by its return, 10 µs later here.
    const atTime = (row: Row) => TOP_PAD + (row.tUs - (row.index === 0 ? 10 : 0)) * 1;
    // A step's marker takes its height above the first row after it.
    for (const row of layout.rows.filter((one) => !one.spreadPx)) expect(row.center).toBeCloseTo(atTime(row), 0);
    expect(layout.gaps).toEqual([]);
    for (const arrow of layout.arrows) expect(arrow.y1).toBe(arrow.y0);
  });

  it('spreads a microsecond handshake into three arrows a row apart, marked as spread', () => {
    const layout = layoutLadder(handshake(), { timeMode: 'proportional', zoom: 1 });
    const arrows = layout.arrows.map((arrow) => layout.rows[arrow.row]!);
    expect(arrows).toHaveLength(3);
    // 30 µs at 0.001 px/µs would be 0.03 pixels: one double-headed smear. Each is a row below the one before.
    for (let index = 1; index < arrows.length; index += 1) {
      expect(arrows[index]!.center - arrows[index - 1]!.center).toBeGreaterThanOrEqual(ROW_HEIGHT);
      expect(arrows[index]!.spreadPx).toBeGreaterThan(0);
    }
    for (let index = 1; index < layout.rows.length; index += 1) {
      expect(layout.rows[index]!.y).toBeGreaterThanOrEqual(layout.rows[index - 1]!.y + ROW_HEIGHT);
    }
    // No row is drawn above its time, and a step's marker is never under a row of its own.
    for (const row of layout.rows) expect(row.center).toBeGreaterThanOrEqual(TOP_PAD + row.tUs * 0.001 - 0.5 - 10 * 0.001);
    for (const step of layout.steps) {
      const first = layout.rows.find((row) => row.stepIndex === step.index);
      if (first) expect(first.y).toBeGreaterThanOrEqual(step.y + STEP_HEIGHT);
    }
  });
});

describe('lane geometry and virtualisation', () => {
  const lanes = [{ side: 'client', sockets: ['c1'] }, { side: 'server', sockets: ['s1', 's2'] }];

  it('puts the client on the left and the server on the right, state tracks outside the call labels, mirrored', () => {
    for (const width of [600, 1200]) {
      const g = laneGeometry(width, lanes);
      expect(g.lifeline.client!).toBeLessThan(g.lifeline.server!);
      expect(g.track.c1!).toBeLessThan(g.callLabel.client!.x);
      expect(g.track.s1!).toBeGreaterThan(g.callLabel.server!.x);
      expect(g.track.s2!).toBeLessThan(g.track.s1!);
      expect(g.track.s2!).toBeGreaterThan(g.callLabel.server!.x);
      expect(g.lifeline.server! - g.lifeline.client!).toBeGreaterThanOrEqual(width / 5);
    }
  });

  it('makes the middle as wide as the widest arrow label, taking it from the calls, and keeps the calls some room', () => {
    const long = [
      { side: 'client', sockets: ['c1'], longestCall: 'connect(127.219.40.242:7007)', longestArrow: 'PSH, ACK seq=1 ack=1 len=5' },
      { side: 'server', sockets: ['s1', 's2'], longestCall: 'setsockopt(SO_REUSEADDR)', longestArrow: 'FIN, ACK seq=6 ack=7' },
    ];
    for (const [width, options] of [[1176, {}], [1000, { labelSize: 18, times: false }]] as const) {
      const g = laneGeometry(width, long, options);
      const label = textWidth('PSH, ACK seq=1 ack=1 len=5', monoStyle(g.fonts.arrow));
      const room = arrowRoom(g, 'client', 'server');
      expect(room.right - room.left).toBeGreaterThanOrEqual(label);
      expect(room.left).toBeGreaterThan(g.lifeline.client!);
      expect(room.right).toBeLessThan(g.lifeline.server!);
      expect(g.callLabel.client!.maxWidth).toBeGreaterThan(100);
    }
  });

  it('draws only what crosses the visible band', () => {
    const layout = layoutLadder(handshake(), { timeMode: 'event', zoom: 1 });
    const visible = visibleItems(layout, { top: layout.rows[3]!.y, bottom: layout.rows[4]!.center });
    expect(visible.arrows.map((a) => a.label)).toEqual(['SYN seq=0', 'SYN, ACK seq=0 ack=1']);
    expect(visible.calls.map((c) => c.fn).sort()).toEqual(['accept', 'connect']);
  });
});

describe('what went wrong, drawn where it happened', () => {
  /** backlog-full's shape: a SYN the server's kernel drops, sent again 1 s and then 2 s later, then answered. */
  function droppedSyn(): SessionEvent[] {
    nextId = 1;
    const syn = segment(1_000, 'client', ['SYN'], 0);
    const again = (t: number): SessionEvent => ({ ...segment(t, 'client', ['SYN'], 0), retransmitOf: syn.id } as SessionEvent);
    return [
      step(0, 0, 'client: connect()'),
      call(500, 'client', 'c3', 'connect', 'enter', { args: { address: '127.9.9.9', port: 7007 } }),
      syn,
      state(1_000, 'client', 'c3', 'CLOSED', 'SYN-SENT'),
      { ...at(60_000), kind: 'drop', source: 'kernel', side: 'server', socket: 's1', reason: 'accept-queue-full', count: 1 },
      again(1_001_000),
      again(3_001_500),
      segment(3_001_600, 'server', ['SYN', 'ACK'], 0, 1),
      { ...at(3_002_000), kind: 'icmp', source: 'captured', from: 'server', to: 'client', src: '127.9.9.9', dst: '127.0.0.1', type: 3, code: 3 },
    ];
  }
  const events = droppedSyn();
  const layout = layoutLadder(events, { timeMode: 'event', zoom: 1 });

  it('marks a drop on the lifeline of the side whose kernel counted it, on a row of its own', () => {
    expect(layout.drops).toHaveLength(1);
    const drop = layout.drops[0]!;
    expect(drop).toMatchObject({ side: 'server', event: { reason: 'accept-queue-full', count: 1 } });
    expect(layout.rows[drop.row]).toMatchObject({ eventIds: [drop.event.id], center: drop.y });
  });

  it('says which segment a retransmission repeats, how long the kernel waited, and which try it is', () => {
    const syns = layout.arrows.filter((arrow) => arrow.label === 'SYN seq=0');
    expect(syns.map((arrow) => arrow.retransmission)).toEqual([
      undefined,
      { of: syns[0]!.event.id, waitUs: 1_000_000, attempt: 2 },
      // The second retransmission names the first transmission too; its wait runs from the try before it.
      { of: syns[0]!.event.id, waitUs: 2_000_500, attempt: 3 },
    ]);
    expect(layout.arrows.find((arrow) => arrow.label.startsWith('SYN, ACK'))?.retransmission).toBeUndefined();
  });

  it('draws an ICMP error as an arrow between the sides', () => {
    expect(layout.arrows.at(-1)).toMatchObject({ from: 'server', to: 'client', label: 'ICMP port unreachable' });
  });

  it('keeps drops in view only where they are', () => {
    const drop = layout.drops[0]!;
    expect(visibleItems(layout, { top: drop.y - 5, bottom: drop.y + 5 }).drops).toHaveLength(1);
    expect(visibleItems(layout, { top: drop.y + 200, bottom: drop.y + 400 }).drops).toHaveLength(0);
  });
});

describe('lane geometry for bigger labels (presenter view)', () => {
  const lanes = [{ side: 'client', sockets: ['c1'] }, { side: 'server', sockets: ['s1', 's2'] }];

  it('leaves out the time column and gives state names the room bigger type needs', () => {
    const page = laneGeometry(1000, lanes);
    const presenter = laneGeometry(1000, lanes, { labelSize: 18, times: false });
    expect(page.gutter).toBeGreaterThan(0);
    expect(presenter.gutter).toBe(0);
    expect(presenter.fonts.arrow).toBe(18);
    // The server's state names are written right of its tracks: bigger type, a wider column.
    expect(1000 - presenter.stateLabel.server!.x).toBeGreaterThan(1000 - page.stateLabel.server!.x);
    expect(laneGeometry(1000, lanes, {})).toEqual(page);
  });
});
