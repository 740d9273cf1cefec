import { TCP_STATES } from '@sockscope/protocol';
import { textWidth, type TextStyle } from './text-width.ts';

/** Where a column's labels are written: anchor x, alignment, and the most width they may take. */
export interface LabelColumn {
  x: number;
  anchor: 'start' | 'end';
  maxWidth: number;
  /** How far a call label may run on a row where its side writes no state name: over the state column too. */
  reach?: number;
}

/** The ladder's type sizes in pixels, all from one figure the page sets (a presenter's bigger type). */
export interface LadderFonts {
  arrow: number;
  call: number;
  state: number;
  time: number;
  step: number;
  gap: number;
  note: number;
  drop: number;
}

/** Horizontal positions of a ladder's columns for a given width: pure, so it is tested without a browser. */
export interface LaneGeometry {
  width: number;
  gutter: number;
  /** x of each lane's lifeline, by side. */
  lifeline: Record<string, number>;
  /** The lanes' sides, left to right. */
  order: string[];
  /** x of each socket's state track, by socket id. */
  track: Record<string, number>;
  /** Where state names are written, by side. */
  stateLabel: Record<string, LabelColumn>;
  /** Where call labels are written, by side. */
  callLabel: Record<string, LabelColumn>;
  /** Where arrow labels may go: between the state tracks, clear of the state names. */
  inner: { left: number; right: number };
  trackWidth: number;
  compact: boolean;
  fonts: LadderFonts;
}

export interface GeometryOptions {
  /** The arrow and call labels' size in pixels; every other size follows it. 14 unless the page says. */
  labelSize?: number;
  /** The column of row times at the left (default on); off (presenter view: each time is in the detail), its width goes to the labels. */
  times?: boolean;
}

const TRACK_WIDTH = 8;
const TRACK_GAP = 4;
/** Between a lifeline and its call labels, and between columns. */
const CALL_GAP = 14;
const COLUMN_GAP = 8;
/** Between a lifeline and the arrow labels beside it. */
const ARROW_INSET = 6;
const LABEL_SIZE = 14;

export const stateStyle = (fonts: LadderFonts): TextStyle => ({ size: fonts.state, mono: false, letterSpacing: 0.02 });
export const monoStyle = (size: number): TextStyle => ({ size, mono: true });

function fontsFor(labelSize: number, compact: boolean): LadderFonts {
  const base = compact ? labelSize * (12 / 14) : labelSize;
  const scaled = (px: number) => Math.round(base * (px / 14) * 10) / 10;
  return { arrow: base, call: base, state: scaled(13), time: scaled(12), step: scaled(13), gap: scaled(12), note: scaled(13), drop: base };
}

/** The widest state name a side writes: `s2 SYN-RECEIVED`, or only the state on a compact ladder. */
function stateColumnWidth(sockets: readonly string[], fonts: LadderFonts, compact: boolean): number {
  if (sockets.length === 0) return 0;
  const longest = Math.max(...TCP_STATES.map((state) => textWidth(state, stateStyle(fonts))));
  const socket = compact ? 0 : Math.max(...sockets.map((name) => textWidth(`${name} `, stateStyle(fonts))));
  return Math.ceil(longest + socket) + 6;
}

/**
 * Columns from the outside in, mirrored: the time (left only), state names, state tracks, call
 * labels, the lifeline; arrows between the lifelines. The state names get their full width,
 * the calls and the middle share the rest; a call label wider than its column is shortened.
 */
export function laneGeometry(
  width: number, lanes: readonly { side: string; sockets: readonly string[]; longestCall?: string; longestArrow?: string }[], options: GeometryOptions = {},
): LaneGeometry {
  const compact = width < 820;
  const fonts = fontsFor(options.labelSize ?? LABEL_SIZE, compact);
  // A compact ladder (two side by side on a small screen) leaves out the time column: the detail still has each time.
  const gutter = compact || options.times === false ? 0 : Math.ceil(textWidth('00000.000', monoStyle(fonts.time))) + 12;
  const left = lanes[0];
  const right = lanes.length > 1 ? lanes.at(-1) : undefined;
  const inner = lanes.slice(1, -1);
  const outer = (lane: typeof left) => {
    if (!lane) return { states: 0, tracks: 0 };
    return { states: stateColumnWidth(lane.sockets, fonts, compact), tracks: lane.sockets.length * (TRACK_WIDTH + TRACK_GAP) };
  };
  const l = outer(left);
  const r = outer(right);
  const fixed = gutter + l.states + l.tracks + r.states + r.tracks + 2 * (COLUMN_GAP + CALL_GAP) + 4;
  const free = Math.max(0, width - fixed);
  // The middle holds the arrow labels, between the lifelines: the widest one's width when it can
  // (through a closed port's lane, 65 % of the middle), at least 200 pixels, and at most 70 % of
  // what is free, so that the calls keep some room; a wider label is shortened. Each side's calls
  // get what their widest label needs of the rest; past 560, the middle's excess goes to the call
  // columns. A compact ladder writes its calls between the lifelines: the middle takes all.
  const need = (lane: typeof left) => (lane?.longestCall ? Math.ceil(textWidth(lane.longestCall, monoStyle(fonts.call))) : 0);
  const widestArrow = Math.max(0, ...lanes.map((lane) => (lane.longestArrow ? textWidth(lane.longestArrow, monoStyle(fonts.arrow)) : 0)));
  const arrows = Math.ceil((widestArrow + 2 * ARROW_INSET + 2) / (inner.length > 0 ? 0.65 : 1));
  const middle = Math.min(free, Math.max(200, Math.min(arrows, free * 0.7)));
  const share = compact ? 0 : (free - middle) / 2;
  let callLeft = Math.min(need(left), share);
  let callRight = Math.min(need(right), share);
  const extra = compact ? 0 : Math.max(0, free - callLeft - callRight - Math.max(560, middle)) / 2;
  callLeft += extra;
  callRight += extra;
  const lifeline: Record<string, number> = {};
  const track: Record<string, number> = {};
  const stateLabel: LaneGeometry['stateLabel'] = {};
  const callLabel: LaneGeometry['callLabel'] = {};
  let innerLeft = gutter;
  let innerRight = width;
  if (left) {
    const tracksStart = gutter + l.states;
    left.sockets.forEach((socket, index) => { track[socket] = tracksStart + index * (TRACK_WIDTH + TRACK_GAP); });
    const x = tracksStart + l.tracks + COLUMN_GAP + callLeft + CALL_GAP;
    lifeline[left.side] = x;
    stateLabel[left.side] = { x: tracksStart - 6, anchor: 'end', maxWidth: l.states - 6 };
    callLabel[left.side] = { x: x - CALL_GAP, anchor: 'end', maxWidth: callLeft, reach: x - CALL_GAP - gutter - 4 };
    innerLeft = tracksStart + l.tracks + 2;
  }
  if (right) {
    const tracksEnd = width - 4 - r.states;
    right.sockets.forEach((socket, index) => { track[socket] = tracksEnd - (index + 1) * (TRACK_WIDTH + TRACK_GAP) + TRACK_GAP; });
    const x = tracksEnd - r.tracks - COLUMN_GAP - callRight - CALL_GAP;
    lifeline[right.side] = x;
    stateLabel[right.side] = { x: tracksEnd + 6, anchor: 'start', maxWidth: r.states - 6 };
    callLabel[right.side] = { x: x + CALL_GAP, anchor: 'start', maxWidth: callRight, reach: width - 4 - x - CALL_GAP };
    innerRight = tracksEnd - r.tracks - 2;
  }
  if (compact && left && !right) {
    const x = lifeline[left.side]!;
    callLabel[left.side] = { x: x + CALL_GAP, anchor: 'start', maxWidth: Math.max(0, width - x - 2 * CALL_GAP) };
  }
  // Lanes between (closed ports) stand in the right third, beside the listener on its host,
  // leaving the arrows that reach them most of the width for their labels.
  if (left && right) {
    const from = lifeline[left.side]!;
    const span = lifeline[right.side]! - from;
    inner.forEach((lane, index) => { lifeline[lane.side] = from + span * (0.65 + (0.2 * index) / inner.length); });
    if (compact) {
      // Calls and arrows never share a row: a compact ladder's calls take the arrows' room.
      const room = span - 2 * CALL_GAP;
      callLabel[left.side] = { x: from + CALL_GAP, anchor: 'start', maxWidth: room };
      callLabel[right.side] = { x: lifeline[right.side]! - CALL_GAP, anchor: 'end', maxWidth: room };
    }
  }
  return { width, gutter, lifeline, order: lanes.map((lane) => lane.side), track, stateLabel, callLabel, inner: { left: innerLeft, right: innerRight }, trackWidth: TRACK_WIDTH, compact, fonts };
}

/**
 * Where an arrow's labels may go: between the lifelines it joins, never across one (nor across a
 * lane between: a closed port's label stays on the client's side of the listener).
 */
export function arrowRoom(geometry: LaneGeometry, from: string, to: string): { left: number; right: number } {
  const [a, b] = [geometry.order.indexOf(from), geometry.order.indexOf(to)].sort((x, y) => x - y) as [number, number];
  const x = (index: number) => geometry.lifeline[geometry.order[index]!] ?? 0;
  return { left: x(a) + ARROW_INSET, right: x(b) - ARROW_INSET };
}

/** How far a label written from a lifeline toward the next lane inward may run. */
export function inwardRoom(geometry: LaneGeometry, side: string, start: number, toward: 1 | -1): number {
  const index = geometry.order.indexOf(side);
  const next = geometry.order[index + toward];
  const limit = next !== undefined ? (geometry.lifeline[next] ?? 0) - toward * 10 : toward > 0 ? geometry.inner.right : geometry.inner.left;
  return Math.max(0, (limit - start) * toward);
}
