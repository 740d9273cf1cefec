import { GAP_HEIGHT, STEP_HEIGHT, type ArrowItem, type BandItem, type CallItem, type LadderLayout } from './layout.ts';

export interface YRange {
  top: number;
  bottom: number;
}

const LABEL_HEIGHT = 24;
/** Items reaching further down than this from where they start are kept apart: the search by start would miss them. */
const SHORT_SPAN = 2000;

const intersects = (y0: number, y1: number, range: YRange) => Math.max(y0, y1) >= range.top && Math.min(y0, y1) <= range.bottom;

/** The first index whose start is at or below `y`, in items laid out top to bottom (binary search). */
export function firstFrom<T>(items: readonly T[], start: (item: T) => number, y: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (start(items[middle]!) < y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Items of one height that cross the range: found by their start, never by a scan. */
function around<T>(items: readonly T[], start: (item: T) => number, height: number, range: YRange): T[] {
  const found: T[] = [];
  for (let index = firstFrom(items, start, range.top - height); index < items.length && start(items[index]!) <= range.bottom; index += 1) {
    const item = items[index]!;
    if (intersects(start(item), start(item) + height, range)) found.push(item);
  }
  return found;
}

interface Spans<T> {
  scanned: number;
  last: T | undefined;
  /** Long items, and items that may still grow (a waiting call, an open state, a held packet), by index. */
  long: { index: number; item: T }[];
}

/**
 * The long items of each array, kept per array: a growing ladder keeps its arrays (LadderBuilder),
 * so only what was added is looked at. An array cut back (a call's enter met its return) is looked
 * at again in full.
 */
const spansOf = new WeakMap<readonly object[], Spans<object>>();

function longItems<T extends object>(items: readonly T[], span: (item: T) => [number, number], mayGrow: (item: T) => boolean) {
  let spans = spansOf.get(items) as Spans<T> | undefined;
  if (!spans || spans.scanned > items.length || (spans.scanned > 0 && items[spans.scanned - 1] !== spans.last)) {
    spans = { scanned: 0, last: undefined, long: [] };
    spansOf.set(items, spans as Spans<object>);
  }
  for (let index = spans.scanned; index < items.length; index += 1) {
    const item = items[index]!;
    const [y0, y1] = span(item);
    if (mayGrow(item) || y1 - y0 > SHORT_SPAN) spans.long.push({ index, item });
  }
  spans.scanned = items.length;
  spans.last = items.at(-1);
  return spans.long;
}

/** Items that reach from one height to another: the short ones found by their start, the long ones from their own list. */
function spanning<T extends object>(items: readonly T[], span: (item: T) => [number, number], mayGrow: (item: T) => boolean, range: YRange): T[] {
  const from = firstFrom(items, (item) => span(item)[0], range.top - SHORT_SPAN);
  const found: { index: number; item: T }[] = [];
  let index = from;
  for (; index < items.length && span(items[index]!)[0] <= range.bottom; index += 1) {
    const item = items[index]!;
    if (intersects(...span(item), range)) found.push({ index, item });
  }
  const to = index;
  const short = found.length;
  for (const entry of longItems(items, span, mayGrow)) {
    if ((entry.index < from || entry.index >= to) && intersects(...span(entry.item), range)) found.push(entry);
  }
  if (found.length > short) found.sort((a, b) => a.index - b.index);
  return found.map((entry) => entry.item);
}

// Labels sit above arrows and below a state's start: keep a label's height of margin.
const arrowSpan = (arrow: ArrowItem): [number, number] => [Math.min(arrow.y0, arrow.y1) - LABEL_HEIGHT, Math.max(arrow.y0, arrow.y1)];
const callSpan = (call: CallItem): [number, number] => [Math.min(call.y0, call.y1), Math.max(call.y0, call.y1)];
const bandSpan = (band: BandItem): [number, number] => [Math.min(band.y0, band.y1), Math.max(band.y0, band.y1) + LABEL_HEIGHT];

/**
 * Only what intersects the visible band is drawn, and it is found by binary search on the items'
 * starts (they are laid out top to bottom): scrolling a ladder of a million events looks at what
 * it shows.
 */
export function visibleItems(layout: LadderLayout, range: YRange) {
  const first = layout.rows[0];
  return {
    // Every row of a layout is as tall as its first.
    rows: around(layout.rows, (row) => row.y, first ? (first.center - first.y) * 2 : 0, range),
    arrows: spanning(layout.arrows, arrowSpan, (arrow) => arrow.event.hold !== undefined, range),
    drops: around(layout.drops, (drop) => drop.y - LABEL_HEIGHT, 2 * LABEL_HEIGHT, range),
    calls: spanning(layout.calls, callSpan, (call) => call.status === 'waiting', range),
    bands: spanning(layout.bands, bandSpan, (band) => band.open, range),
    steps: around(layout.steps, (step) => step.y, STEP_HEIGHT, range),
    gaps: around(layout.gaps, (gap) => gap.y, GAP_HEIGHT, range),
  };
}

/** The first of items laid out top to bottom whose row is at or after `row` (binary search). */
export const firstAtRow = <T extends { row: number }>(items: readonly T[], row: number): number => firstFrom(items, (item) => item.row, row);
