import { isWireEvent, type CallEvent, type DeliveryEvent, type SessionEvent, type StateEvent } from '@sockscope/protocol';
import { ClosedPorts, closedLaneKey, receiverEndpoint, senderEndpoint } from './closed-ports.ts';
import { callLabel, resultLabel, wireLabel } from './labels.ts';
import { LaneOrder } from './lane-order.ts';
import {
  ARROW_LEAN, GAP_US, TOP_PAD, arrowText, callKey, callText, ladderEnd, ladderHeight, layoutSizes, rowKind,
  type ArrowItem, type BandItem, type CallItem, type DropItem, type GapItem, type LadderLayout, type LayoutOptions, type Row, type StepItem,
} from './layout.ts';
import { RetransmissionCounter, type RetransmissionAttempt } from './retransmission-attempts.ts';

/** Everything laid out so far, and what laying out more needs to know. */
interface Placed {
  /** Events fed to the trackers, and events laid out. */
  seen: number;
  cursor: number;
  lanes: LaneOrder;
  counter: RetransmissionCounter;
  repeats: Map<number, RetransmissionAttempt>;
  /** The last event that takes a row, and the instant calls found so far (enters by id, and the returns folded into them). */
  previousRow: SessionEvent | undefined;
  merged: Map<number, CallEvent>;
  folded: Set<number>;
  rows: Row[];
  arrows: ArrowItem[];
  drops: DropItem[];
  calls: CallItem[];
  bands: BandItem[];
  steps: StepItem[];
  gaps: GapItem[];
  stepStarts: number[];
  y: number;
  lastT: number | undefined;
  stepIndex: number;
  pending: Map<string, { item: CallItem; index: number }>;
  /** Each socket's latest state, and the states still open (they run to the end of the ladder). */
  lastBand: Map<string, BandItem>;
  open: Set<BandItem>;
  held: Map<number, ArrowItem>;
  inFlight: Set<ArrowItem>;
  delivered: Map<number, { event: DeliveryEvent; row: Row }>;
  /** Each side's widest call text, and the first call that has it. */
  longest: Map<string, { text: string; index: number }>;
  tail: Tail | undefined;
}

/**
 * What laying out the last call's enter changed, to take back when more events come: an enter
 * followed at once by its return is one instant row, which the enter alone cannot know.
 */
interface Tail {
  cursor: number;
  lengths: { rows: number; arrows: number; drops: number; calls: number; bands: number; steps: number; gaps: number };
  y: number;
  lastT: number | undefined;
  stepIndex: number;
  stepStarts: number[];
  pending: Map<string, { item: CallItem; index: number }>;
  lastBand: Map<string, BandItem>;
  open: Set<BandItem>;
  longest: Map<string, { text: string; index: number }>;
}

const nothingPlaced = (closed: ReadonlySet<string>): Placed => ({
  seen: 0, cursor: 0, lanes: new LaneOrder(closed), counter: new RetransmissionCounter(), repeats: new Map(),
  previousRow: undefined, merged: new Map(), folded: new Set(),
  rows: [], arrows: [], drops: [], calls: [], bands: [], steps: [], gaps: [], stepStarts: [],
  y: TOP_PAD, lastT: undefined, stepIndex: -1,
  pending: new Map(), lastBand: new Map(), open: new Set(), held: new Map(), inFlight: new Set(), delivered: new Map(), longest: new Map(), tail: undefined,
});

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((item) => b.has(item));

/**
 * The ladder of a session whose events keep coming: `update` lays out only the events added
 * since the call before when they extend the ones before (a live session; a finished one
 * arriving in batches), and starts over otherwise (a late packet sorted in, another session, a
 * port found closed). Its layout equals `layoutLadder`'s of the same events (layout-builder.test.ts,
 * on every built-in scenario cut anywhere); its arrays are kept and grown from one update to the next.
 */
export class LadderBuilder {
  readonly options: LayoutOptions;
  readonly #sizes: ReturnType<typeof layoutSizes>;
  #events: readonly SessionEvent[] = [];
  #layout: LadderLayout | undefined;
  #ports = new ClosedPorts();
  #closed: ReadonlySet<string> = new Set();
  #p: Placed = nothingPlaced(this.#closed);

  constructor(options: LayoutOptions) {
    this.options = options;
    this.#sizes = layoutSizes(options);
  }

  /** Same options: the builder can go on with them. */
  fits(options: LayoutOptions): boolean {
    const mine = this.options;
    return mine.timeMode === options.timeMode && mine.zoom === options.zoom && mine.labelSize === options.labelSize && mine.stepStarts === options.stepStarts;
  }

  update(events: readonly SessionEvent[]): LadderLayout {
    const seen = this.#p.seen;
    if (this.#layout && events === this.#events) return this.#layout;
    const extending = events.length >= seen && (seen === 0 || events[seen - 1] === this.#events[seen - 1]);
    if (!extending) {
      this.#ports = new ClosedPorts();
      this.#closed = new Set();
      this.#p = nothingPlaced(this.#closed);
    }
    for (let index = this.#p.seen; index < events.length; index += 1) this.#ports.add(events[index]!);
    const closed = this.#ports.closed();
    // A port found closed moves arrows laid out before to its lane: start again.
    if (!sameSet(closed, this.#closed)) this.#p = nothingPlaced((this.#closed = closed));
    this.#events = events;
    const p = this.#p;
    for (let index = p.seen; index < events.length; index += 1) this.#track(events[index]!);
    p.seen = events.length;
    if (p.tail) this.#rollBack(p.tail);
    for (; p.cursor < events.length; p.cursor += 1) this.#place(events[p.cursor]!, p.cursor);
    return (this.#layout = this.#finish());
  }

  /** What each event tells before it is laid out: lanes, retransmissions, instant calls (the enter learns of its return here). */
  #track(event: SessionEvent): void {
    const p = this.#p;
    p.lanes.add(event);
    const repeat = p.counter.add(event);
    if (repeat) p.repeats.set(event.id, repeat);
    if (rowKind(event) !== 'row') return;
    const previous = p.previousRow;
    if (previous?.kind === 'call' && previous.phase === 'enter' && event.kind === 'call' && event.phase !== 'enter' && callKey(previous) === callKey(event)) {
      p.merged.set(previous.id, event);
      p.folded.add(event.id);
    }
    p.previousRow = event;
  }

  #rollBack(tail: Tail): void {
    const p = this.#p;
    for (const [name, length] of Object.entries(tail.lengths) as [keyof Tail['lengths'], number][]) p[name].length = length;
    // A band a state after the enter ended is open again here, and that state, laid out again, ends it again.
    Object.assign(p, {
      cursor: tail.cursor, y: tail.y, lastT: tail.lastT, stepIndex: tail.stepIndex, stepStarts: tail.stepStarts,
      pending: tail.pending, lastBand: tail.lastBand, open: tail.open, longest: tail.longest, tail: undefined,
    });
  }

  #keepTail(cursor: number): void {
    const p = this.#p;
    p.tail = {
      cursor, y: p.y, lastT: p.lastT, stepIndex: p.stepIndex, stepStarts: [...p.stepStarts],
      lengths: { rows: p.rows.length, arrows: p.arrows.length, drops: p.drops.length, calls: p.calls.length, bands: p.bands.length, steps: p.steps.length, gaps: p.gaps.length },
      pending: new Map(p.pending), lastBand: new Map(p.lastBand), open: new Set(p.open), longest: new Map(p.longest),
    };
  }

  #advanceTo(tUs: number): void {
    const p = this.#p;
    if (this.#sizes.proportional) return;
    if (p.lastT !== undefined && tUs - p.lastT > GAP_US) {
      p.gaps.push({ y: p.y, durationUs: tUs - p.lastT });
      p.y += this.#sizes.gapHeight;
    }
    p.lastT = tUs;
  }

  #addRow(event: SessionEvent): Row {
    const p = this.#p;
    const { proportional, pxPerUs, rowHeight } = this.#sizes;
    this.#advanceTo(event.t);
    const at = TOP_PAD + event.t * pxPerUs - rowHeight / 2;
    const top = proportional ? Math.max(at, p.y) : p.y;
    const row: Row = {
      index: p.rows.length, y: top, center: top + rowHeight / 2, tUs: event.t, stepIndex: Math.max(0, p.stepIndex), eventIds: [event.id],
      ...(proportional && top - at > 0.5 && { spreadPx: top - at }),
    };
    p.rows.push(row);
    p.y = top + rowHeight;
    return row;
  }

  #noteCall(item: CallItem, index: number): void {
    this.#noteLongest(item.side, callText(item), index);
  }

  /** Each lane's longest call (by its side) and longest arrow label (`arrow:` and the lane it leaves), the first of equals. */
  #noteLongest(key: string, text: string, index: number): void {
    const longest = this.#p.longest;
    const best = longest.get(key);
    if (!best || text.length > best.text.length || (text.length === best.text.length && index < best.index)) longest.set(key, { text, index });
  }

  #pushCall(item: CallItem): number {
    const index = this.#p.calls.push(item) - 1;
    this.#noteCall(item, index);
    return index;
  }

  #place(event: SessionEvent, cursor: number): void {
    const p = this.#p;
    const { proportional, pxPerUs, stepHeight, instantHalf, noteHeight } = this.#sizes;
    const kind = rowKind(event);
    if (kind === 'skip' || p.folded.has(event.id)) return;
    if (kind === 'step' && event.kind === 'note') {
      p.stepIndex = event.step?.index ?? p.stepIndex + 1;
      this.#advanceTo(event.t);
      p.y = Math.max(p.y, proportional ? TOP_PAD + event.t * pxPerUs : this.options.stepStarts?.[p.stepIndex] ?? 0);
      p.stepStarts[p.stepIndex] = p.y;
      p.steps.push({ index: p.stepIndex, label: event.step?.label ?? event.text, y: p.y });
      p.y += stepHeight;
      return;
    }
    if (kind === 'state' && event.kind === 'state') {
      const last = p.rows.at(-1);
      const row = last && Math.abs(last.tUs - event.t) < 1 ? last : this.#addRow(event);
      if ((row !== p.rows.at(-1) || row.eventIds[0] !== event.id) && !row.eventIds.includes(event.id)) row.eventIds.push(event.id);
      this.#addBand(event, row);
      return;
    }
    if (event.kind === 'call' && event.phase === 'enter' && !p.merged.has(event.id) && this.#lastRowEvent(cursor)) this.#keepTail(cursor);
    const row = this.#addRow(event);
    if (isWireEvent(event)) {
      const lean = proportional ? 0 : ARROW_LEAN / 2;
      const retransmission = p.repeats.get(event.id);
      const laneOf = (side: string, endpoint: string) => (this.#closed.has(endpoint) ? closedLaneKey(endpoint) : side);
      const arrow: ArrowItem = {
        event, row: row.index, from: laneOf(event.from, senderEndpoint(event)), to: laneOf(event.to, receiverEndpoint(event)), y0: row.center - lean, y1: row.center + lean, label: wireLabel(event),
        ...(retransmission && { retransmission }),
      };
      this.#noteLongest(`arrow:${arrow.from}`, arrowText(arrow), p.arrows.push(arrow) - 1);
      if (retransmission) p.y += noteHeight;
      if (event.hold) this.#hold(arrow);
    } else if (event.kind === 'drop') {
      p.drops.push({ event, row: row.index, side: event.side, y: row.center });
    } else if (event.kind === 'delivery') {
      p.delivered.set(event.of, { event, row });
      const arrow = p.held.get(event.of);
      if (arrow) this.#land(arrow, event, row);
    } else if (event.kind === 'call') {
      this.#placeCall(event, row, instantHalf);
    }
  }

  /** No event after this one takes a row yet: an enter here may meet its return in the next update. */
  #lastRowEvent(cursor: number): boolean {
    for (let index = cursor + 1; index < this.#events.length; index += 1) if (rowKind(this.#events[index]!) === 'row') return false;
    return true;
  }

  #placeCall(event: CallEvent, row: Row, instantHalf: number): void {
    const p = this.#p;
    const exit = p.merged.get(event.id);
    if (exit) {
      row.eventIds.unshift(exit.id);
      row.tUs = exit.t;
      p.lastT = this.#sizes.proportional ? p.lastT : exit.t;
      this.#pushCall({
        key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: resultLabel(exit),
        status: exit.phase === 'error' ? 'error' : 'returned', instant: true, y0: row.center - instantHalf, y1: row.center + instantHalf,
        rowStart: row.index, rowEnd: row.index, enter: event, exit,
      });
    } else if (event.phase === 'enter') {
      const item: CallItem = {
        key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: '',
        status: 'waiting', instant: false, y0: row.center - instantHalf, y1: row.center, rowStart: row.index, rowEnd: row.index, enter: event,
      };
      p.pending.set(callKey(event), { item, index: this.#pushCall(item) });
    } else {
      const waiting = p.pending.get(callKey(event));
      p.pending.delete(callKey(event));
      if (waiting) {
        Object.assign(waiting.item, { exit: event, result: resultLabel(event), status: event.phase === 'error' ? 'error' : 'returned', y1: row.center + instantHalf, rowEnd: row.index });
        this.#noteCall(waiting.item, waiting.index);
      } else {
        this.#pushCall({
          key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: resultLabel(event),
          status: event.phase === 'error' ? 'error' : 'returned', instant: true, y0: row.center - instantHalf, y1: row.center + instantHalf,
          rowStart: row.index, rowEnd: row.index, exit: event,
        });
      }
    }
  }

  #addBand(event: StateEvent, row: Row): void {
    const p = this.#p;
    const closes = event.to === 'CLOSED';
    const band: BandItem = { event, side: event.side, socket: event.socket, state: event.to, row: row.index, y0: row.center, y1: row.center, open: !closes };
    const before = p.lastBand.get(event.socket);
    if (before && p.open.has(before)) {
      Object.assign(before, { y1: row.center, open: false });
      p.open.delete(before);
    }
    p.bands.push(band);
    p.lastBand.set(event.socket, band);
    if (!closes) p.open.add(band);
  }

  #hold(arrow: ArrowItem): void {
    const p = this.#p;
    p.held.set(arrow.event.id, arrow);
    const delivery = p.delivered.get(arrow.event.id);
    if (delivery) this.#land(arrow, delivery.event, delivery.row);
    else p.inFlight.add(arrow);
  }

  #land(arrow: ArrowItem, event: DeliveryEvent, row: Row): void {
    arrow.flight = { state: event.verdict, heldUs: event.heldUs };
    arrow.y1 = row.center;
    this.#p.inFlight.delete(arrow);
  }

  /** What runs to the end of the ladder reaches its new end. */
  #finish(): LadderLayout {
    const p = this.#p;
    const { proportional, stepHeight, gapHeight } = this.#sizes;
    const end = ladderEnd(proportional, p.rows.at(-1), p.y);
    for (const { item } of p.pending.values()) item.y1 = end;
    for (const arrow of p.inFlight) Object.assign(arrow, { flight: { state: 'in-flight' }, y1: end });
    for (const band of p.open) band.y1 = end;
    const lanes = p.lanes.lanes();
    for (const lane of lanes) {
      const longest = p.longest.get(lane.side);
      if (longest && longest.text.length > 0) lane.longestCall = longest.text;
      const arrow = p.longest.get(`arrow:${lane.side}`);
      if (arrow) lane.longestArrow = arrow.text;
    }
    return {
      rows: p.rows, arrows: p.arrows, drops: p.drops, calls: p.calls, bands: p.bands, steps: p.steps, gaps: p.gaps, stepStarts: p.stepStarts,
      stepHeight, gapHeight, lanes, height: ladderHeight(proportional, end),
    };
  }
}
