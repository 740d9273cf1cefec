import type { ArrowItem, BandItem, CallItem, DropItem, LadderLayout } from './layout.ts';
import { firstFrom } from './visible.ts';

/** One item of the ladder that the keyboard can reach. */
export interface FocusStop {
  /** Unique within the ladder: what kind of item, and which. */
  key: string;
  row: number;
}

/** Within a row, the program's call comes before the packet it caused, then drops, then the states it led to. */
const RANK = { call: 0, arrow: 1, drop: 2, band: 3 } as const;

export const focusKey = {
  call: (key: string) => `call:${key}`,
  arrow: (eventId: number) => `arrow:${eventId}`,
  drop: (eventId: number) => `drop:${eventId}`,
  band: (eventId: number) => `band:${eventId}`,
};

/**
 * Every arrow, call, drop and state of a ladder in reading order: down the time axis, and within
 * a row as RANK says. ↑ and ↓ walk this list; a blocking call is met at the row it was entered.
 */
export function focusOrder(layout: LadderLayout): FocusStop[] {
  const stops: (FocusStop & { rank: number })[] = [
    ...layout.calls.map((call) => ({ key: focusKey.call(call.key), row: call.rowStart, rank: RANK.call })),
    ...layout.arrows.map((arrow) => ({ key: focusKey.arrow(arrow.event.id), row: arrow.row, rank: RANK.arrow })),
    ...layout.drops.map((drop) => ({ key: focusKey.drop(drop.event.id), row: drop.row, rank: RANK.drop })),
    ...layout.bands.map((band) => ({ key: focusKey.band(band.event.id), row: band.row, rank: RANK.band })),
  ];
  stops.sort((a, b) => a.row - b.row || a.rank - b.rank);
  return stops.map(({ key, row }) => ({ key, row }));
}

/** Each kind of item, laid out top to bottom, with the row the keyboard meets it at. */
function kinds(layout: LadderLayout) {
  return [
    { items: layout.calls, row: (call: CallItem) => call.rowStart, key: (call: CallItem) => focusKey.call(call.key) },
    { items: layout.arrows, row: (arrow: ArrowItem) => arrow.row, key: (arrow: ArrowItem) => focusKey.arrow(arrow.event.id) },
    { items: layout.drops, row: (drop: DropItem) => drop.row, key: (drop: DropItem) => focusKey.drop(drop.event.id) },
    { items: layout.bands, row: (band: BandItem) => band.row, key: (band: BandItem) => focusKey.band(band.event.id) },
  ] as { items: readonly unknown[]; row: (item: unknown) => number; key: (item: unknown) => string }[];
}

/** The stops on one row, in reading order: found by binary search, not by ordering the whole ladder. */
function stopsOnRow(layout: LadderLayout, row: number): string[] {
  return kinds(layout).flatMap(({ items, row: rowOf, key }) => {
    const keys: string[] = [];
    for (let at = firstFrom(items, rowOf, row); at < items.length && rowOf(items[at]) === row; at += 1) keys.push(key(items[at]));
    return keys;
  });
}

/** The first row at or after `row` that has a stop. */
function rowWithStop(layout: LadderLayout, row: number): number | undefined {
  let found: number | undefined;
  for (const { items, row: rowOf } of kinds(layout)) {
    const item = items[firstFrom(items, rowOf, row)];
    if (item !== undefined) found = Math.min(found ?? Infinity, rowOf(item));
  }
  return found;
}

/** The stop the ladder's one Tab stop is on: the one chosen last if it is still there, else the first at or after the cursor, else the first. */
export function rovingStop(layout: LadderLayout, chosen: FocusStop | null, cursorRow: number): string | undefined {
  if (chosen !== null && stopsOnRow(layout, chosen.row).includes(chosen.key)) return chosen.key;
  const row = rowWithStop(layout, cursorRow) ?? rowWithStop(layout, -1);
  return row === undefined ? undefined : stopsOnRow(layout, row)[0];
}

/** The stop a key moves to from `from`: ↓/↑ the next or previous, Home/End the first or last; undefined for other keys. */
export function movedStop(order: readonly FocusStop[], from: string | undefined, key: string): string | undefined {
  const at = order.findIndex((stop) => stop.key === from);
  const last = order.length - 1;
  switch (key) {
    case 'ArrowDown': return order[Math.min(last, at + 1)]?.key;
    case 'ArrowUp': return order[Math.max(0, at - 1)]?.key;
    case 'Home': return order[0]?.key;
    case 'End': return order[last]?.key;
    default: return undefined;
  }
}
