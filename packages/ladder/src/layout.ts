import type { AbsenceMark } from './absence-marks.ts';
import { isWireEvent, type CallEvent, type DeliveryEvent, type DropEvent, type SessionEvent, type StateEvent, type TcpState } from '@sockscope/protocol';
import { closedEndpoints, closedLaneKey, receiverEndpoint, senderEndpoint } from './closed-ports.ts';
import { LaneOrder } from './lane-order.ts';
import { callLabel, resultLabel, wireLabel } from './labels.ts';
import { retransmissionAttempts, type RetransmissionAttempt } from './retransmission-attempts.ts';

export type TimeMode = 'event' | 'proportional';

/** As wide as an inferred arrow's mark in any of the ladder's languages (`(inferred)`, `(추론)`): room is made for it. */
const INFERRED_MARK = '(inferred)';

export interface LayoutOptions {
  timeMode: TimeMode;
  /** 1 is the natural size; rows grow with it (event-spaced) or time stretches (proportional). */
  zoom: number;
  /** Where each step must start at the earliest: a compare partner's step starts, to line both up. */
  stepStarts?: readonly number[];
  /**
   * The arrow and call labels' size in pixels, the figure laneGeometry takes too: rows, steps and
   * gaps grow with it, so a presenter's bigger type keeps its room. 14 unless the page says.
   */
  labelSize?: number;
}

export interface LadderLane {
  /** The side it draws, or for a closed port `closedLaneKey(endpoint)`. */
  side: string;
  endpoint?: string;
  /** Its sockets that have TCP states, each drawn on a track of its own. */
  sockets: string[];
  /** A port on the server's host where nothing listened: the kernel refused what came to it. */
  closed?: boolean;
  /** Its widest call label (with the result written beside it), for the geometry to make room for. */
  longestCall?: string;
  /** The widest label of the arrows it sends (an inferred one's with its mark), for the geometry to make room for. */
  longestArrow?: string;
}

/** One place on the time axis: a cursor stop. States that happen with an event share its row. */
export interface Row {
  index: number;
  /** Top of the row; its line (arrows, blocks) is at `center`. */
  y: number;
  center: number;
  tUs: number;
  stepIndex: number;
  /** The event the row is about, then any state changes drawn with it. */
  eventIds: number[];
  /** Proportional time: how far below its time the row is drawn, spread from the row before it. */
  spreadPx?: number;
}

export interface ArrowItem {
  event: SessionEvent & { kind: 'segment' | 'datagram' | 'icmp' };
  row: number;
  /** The lanes it joins (`client`, `server`, a closed port's). */
  from: string;
  to: string;
  y0: number;
  y1: number;
  label: string;
  /** Set when the segment repeats an earlier one. */
  retransmission?: RetransmissionAttempt;
  /**
   * Set when the packet stopped in the kernel's queue (hold the wire): it ends at its delivery's
   * row (a slanting arrow), or where it was dropped, or at the bottom while still in flight.
   */
  flight?: { state: 'in-flight' } | { state: 'delivered' | 'dropped'; heldUs: number };
}

/** Packets a kernel counted as dropped, marked on its side's lifeline at the time it counted them. */
export interface DropItem {
  event: DropEvent;
  row: number;
  side: string;
  y: number;
}

export interface CallItem {
  key: string;
  side: string;
  socket: string;
  fn: CallEvent['fn'];
  label: string;
  result: string;
  status: 'returned' | 'error' | 'waiting';
  /** A call that returned at once is one row; a blocking one spans from its enter to its return. */
  instant: boolean;
  y0: number;
  y1: number;
  rowStart: number;
  rowEnd: number;
  enter?: CallEvent;
  exit?: CallEvent;
}

export interface BandItem {
  event: StateEvent;
  side: string;
  socket: string;
  state: TcpState;
  row: number;
  y0: number;
  /** Where the next state begins, or the end of the ladder for the current one. */
  y1: number;
  open: boolean;
}

export interface StepItem {
  index: number;
  label: string;
  y: number;
}

export interface GapItem {
  y: number;
  durationUs: number;
}

export interface LadderLayout {
  rows: Row[];
  arrows: ArrowItem[];
  drops: DropItem[];
  calls: CallItem[];
  bands: BandItem[];
  steps: StepItem[];
  gaps: GapItem[];
  /** y of each step's marker, for lining up a compare partner. */
  stepStarts: number[];
  /** A step marker's and a gap's height, grown with the labels' size. */
  stepHeight: number;
  gapHeight: number;
  /** Lanes left to right (`client`, a closed port's, `server`, then any other endpoint) and their `address:port`. */
  lanes: LadderLane[];
  height: number;
  /** A UDP ladder compared with a TCP one: where TCP has what UDP has not (compare-layout.ts). */
  absences?: AbsenceMark[];
}

export const ROW_HEIGHT = 40;
export const STEP_HEIGHT = 34;
export const GAP_HEIGHT = 26;
/** Added under a retransmission's row, for its note. */
export const NOTE_HEIGHT = 18;
export const TOP_PAD = 12;
export const BOTTOM_PAD = 40;
/** A pause longer than this between rows is drawn as a compressed gap with its real length. */
export const GAP_US = 5000;
/** Event-spaced arrows lean this much, as in a textbook, to show their direction at a glance. */
export const ARROW_LEAN = 12;
/** Proportional time at zoom 1. */
const PX_PER_US = 0.001;
const INSTANT_HALF = 9;
const LABEL_SIZE = 14;

/** The heights a layout's options give: everything grows with the labels' size, rows and notes with the zoom too. */
export function layoutSizes(options: LayoutOptions) {
  const proportional = options.timeMode === 'proportional';
  const scale = (options.labelSize ?? LABEL_SIZE) / LABEL_SIZE;
  const rowZoom = proportional ? 1 : options.zoom;
  return {
    proportional, rowHeight: ROW_HEIGHT * scale * rowZoom, stepHeight: STEP_HEIGHT * scale, gapHeight: GAP_HEIGHT * scale,
    instantHalf: INSTANT_HALF * scale, pxPerUs: PX_PER_US * options.zoom, noteHeight: NOTE_HEIGHT * scale * rowZoom,
  };
}

/** Where open things (a waiting call, a packet in flight, the current state) end: below the last row. */
export const ladderEnd = (proportional: boolean, lastRow: Row | undefined, y: number) =>
  (proportional ? Math.max(lastRow ? lastRow.center : TOP_PAD, y) + BOTTOM_PAD : y + BOTTOM_PAD / 2);

export const ladderHeight = (proportional: boolean, end: number) => end + (proportional ? 0 : BOTTOM_PAD / 2);

/** What a call writes beside its lifeline at its widest: the geometry makes room for the longest. */
/** An arrow's label as the middle column must hold it: an inferred one says so. */
export const arrowText = (arrow: ArrowItem) => (arrow.event.source === 'inferred' ? `${arrow.label} ${INFERRED_MARK}` : arrow.label);

export const callText = (call: CallItem) =>
  (call.instant ? `${call.label} ${call.result}`.trim() : [call.label, call.result].reduce((a, b) => (b.length > a.length ? b : a)));

/** A held packet's arrow reaches its receiver when it was delivered: its delivery's row, or the bottom while in flight. */
function landHeldArrows(arrows: ArrowItem[], deliveries: readonly { event: DeliveryEvent; row: Row }[], end: number): void {
  const held = new Map(arrows.filter((arrow) => arrow.event.hold).map((arrow) => [arrow.event.id, arrow]));
  for (const arrow of held.values()) {
    arrow.flight = { state: 'in-flight' };
    arrow.y1 = end;
  }
  for (const { event, row } of deliveries) {
    const arrow = held.get(event.of);
    if (!arrow) continue;
    arrow.flight = { state: event.verdict, heldUs: event.heldUs };
    arrow.y1 = row.center;
  }
}

export function rowKind(event: SessionEvent): 'row' | 'state' | 'step' | 'skip' {
  switch (event.kind) {
    case 'call':
    case 'segment':
    case 'datagram':
    case 'icmp':
    case 'drop':
    case 'delivery':
      return 'row';
    case 'state':
      return 'state';
    case 'note':
      if (event.code === 'step-start') return 'step';
      return event.level === 'error' ? 'row' : 'skip';
    default:
      return 'skip';
  }
}

export const callKey = (call: CallEvent) => `${call.side}/${call.socket}/${call.fn}`;

/**
 * Calls whose return comes right after their enter (no other drawn event between) are drawn as
 * one row. Returns the ids of such enters, and of the returns folded into them.
 */
function instantCalls(events: readonly SessionEvent[]): { merged: Map<number, CallEvent>; folded: Set<number> } {
  const merged = new Map<number, CallEvent>();
  const folded = new Set<number>();
  let previous: SessionEvent | undefined;
  for (const event of events) {
    if (rowKind(event) !== 'row') continue;
    if (previous?.kind === 'call' && previous.phase === 'enter' && event.kind === 'call' && event.phase !== 'enter'
      && callKey(previous) === callKey(event)) {
      merged.set(previous.id, event);
      folded.add(event.id);
    }
    previous = event;
  }
  return { merged, folded };
}

/** Places every event of a session on the time axis. Pure: same events and options, same layout. */
export function layoutLadder(events: readonly SessionEvent[], options: LayoutOptions): LadderLayout {
  const { proportional, rowHeight, stepHeight, gapHeight, instantHalf, pxPerUs, noteHeight } = layoutSizes(options);
  const { merged, folded } = instantCalls(events);
  const closed = closedEndpoints(events);
  const laneOf = (side: string, endpoint: string) => (closed.has(endpoint) ? closedLaneKey(endpoint) : side);
  const rows: Row[] = [];
  const arrows: ArrowItem[] = [];
  const drops: DropItem[] = [];
  const deliveries: { event: DeliveryEvent; row: Row }[] = [];
  const repeats = retransmissionAttempts(events);
  const calls: CallItem[] = [];
  const steps: StepItem[] = [];
  const gaps: GapItem[] = [];
  const stepStarts: number[] = [];
  const states: { event: StateEvent; row: Row }[] = [];
  const pending = new Map<string, CallItem>();
  let y = TOP_PAD;
  let lastT: number | undefined;
  let stepIndex = -1;

  const advanceTo = (tUs: number) => {
    if (proportional) return;
    if (lastT !== undefined && tUs - lastT > GAP_US) {
      gaps.push({ y, durationUs: tUs - lastT });
      y += gapHeight;
    }
    lastT = tUs;
  };
  const addRow = (event: SessionEvent): Row => {
    advanceTo(event.t);
    // Proportional time puts a row at its time, or a row's height below the one before when
    // that is later: a microsecond handshake stays three arrows, its rows marked as spread.
    const at = TOP_PAD + event.t * pxPerUs - rowHeight / 2;
    const top = proportional ? Math.max(at, y) : y;
    const row: Row = {
      index: rows.length, y: top, center: top + rowHeight / 2, tUs: event.t, stepIndex: Math.max(0, stepIndex), eventIds: [event.id],
      ...(proportional && top - at > 0.5 && { spreadPx: top - at }),
    };
    rows.push(row);
    y = top + rowHeight;
    return row;
  };

  for (const event of events) {
    const kind = rowKind(event);
    if (kind === 'skip' || folded.has(event.id)) continue;
    if (kind === 'step' && event.kind === 'note') {
      stepIndex = event.step?.index ?? stepIndex + 1;
      advanceTo(event.t);
      y = Math.max(y, proportional ? TOP_PAD + event.t * pxPerUs : options.stepStarts?.[stepIndex] ?? 0);
      stepStarts[stepIndex] = y;
      steps.push({ index: stepIndex, label: event.step?.label ?? event.text, y });
      y += stepHeight;
      continue;
    }
    if (kind === 'state' && event.kind === 'state') {
      const last = rows.at(-1);
      const row = last && Math.abs(last.tUs - event.t) < 1 ? last : addRow(event);
      if (row !== rows.at(-1) || row.eventIds[0] !== event.id) {
        if (!row.eventIds.includes(event.id)) row.eventIds.push(event.id);
      }
      states.push({ event, row });
      continue;
    }
    const row = addRow(event);
    if (isWireEvent(event)) {
      const lean = proportional ? 0 : ARROW_LEAN / 2;
      const retransmission = repeats.get(event.id);
      arrows.push({
        event, row: row.index, from: laneOf(event.from, senderEndpoint(event)), to: laneOf(event.to, receiverEndpoint(event)), y0: row.center - lean, y1: row.center + lean, label: wireLabel(event),
        ...(retransmission && { retransmission }),
      });
      // Room under the arrow for the line that says what it repeats.
      if (retransmission) y += noteHeight;
    } else if (event.kind === 'drop') {
      drops.push({ event, row: row.index, side: event.side, y: row.center });
    } else if (event.kind === 'delivery') {
      deliveries.push({ event, row });
    } else if (event.kind === 'call') {
      const exit = merged.get(event.id);
      if (exit) {
        row.eventIds.unshift(exit.id);
        // The row stands for the return too: a state the call caused lands on it.
        row.tUs = exit.t;
        lastT = proportional ? lastT : exit.t;
        calls.push({
          key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: resultLabel(exit),
          status: exit.phase === 'error' ? 'error' : 'returned', instant: true, y0: row.center - instantHalf, y1: row.center + instantHalf,
          rowStart: row.index, rowEnd: row.index, enter: event, exit,
        });
      } else if (event.phase === 'enter') {
        const item: CallItem = {
          key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: '',
          status: 'waiting', instant: false, y0: row.center - instantHalf, y1: row.center, rowStart: row.index, rowEnd: row.index, enter: event,
        };
        pending.set(callKey(event), item);
        calls.push(item);
      } else {
        const item = pending.get(callKey(event));
        pending.delete(callKey(event));
        if (item) {
          Object.assign(item, { exit: event, result: resultLabel(event), status: event.phase === 'error' ? 'error' : 'returned', y1: row.center + instantHalf, rowEnd: row.index });
        } else {
          calls.push({
            key: `${event.id}`, side: event.side, socket: event.socket, fn: event.fn, label: callLabel(event), result: resultLabel(event),
            status: event.phase === 'error' ? 'error' : 'returned', instant: true, y0: row.center - instantHalf, y1: row.center + instantHalf,
            rowStart: row.index, rowEnd: row.index, exit: event,
          });
        }
      }
    }
  }

  const end = ladderEnd(proportional, rows.at(-1), y);
  for (const item of pending.values()) item.y1 = end;
  landHeldArrows(arrows, deliveries, end);
  // Walked backwards, each band meets the next state of its socket before itself: one pass, not one search per band.
  const nextOf = new Map<string, Row>();
  const bands: BandItem[] = [];
  for (let index = states.length - 1; index >= 0; index -= 1) {
    const { event, row } = states[index]!;
    const next = nextOf.get(event.socket);
    nextOf.set(event.socket, row);
    bands.push({
      event, side: event.side, socket: event.socket, state: event.to, row: row.index, y0: row.center,
      y1: event.to === 'CLOSED' ? row.center : (next ? next.center : end), open: !next && event.to !== 'CLOSED',
    });
  }
  bands.reverse();
  const order = new LaneOrder(closed);
  for (const event of events) order.add(event);
  const lanes = order.lanes();
  for (const call of calls) {
    const lane = lanes.find((candidate) => candidate.side === call.side);
    const text = callText(call);
    if (lane && text.length > (lane.longestCall?.length ?? 0)) lane.longestCall = text;
  }
  for (const arrow of arrows) {
    const lane = lanes.find((candidate) => candidate.side === arrow.from);
    const text = arrowText(arrow);
    if (lane && text.length > (lane.longestArrow?.length ?? 0)) lane.longestArrow = text;
  }
  return { rows, arrows, drops, calls, bands, steps, gaps, stepStarts, stepHeight, gapHeight, lanes, height: ladderHeight(proportional, end) };
}
