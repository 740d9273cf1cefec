import type { LadderLayout } from './layout.ts';

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

/** The stop the ladder's one Tab stop is on: the one chosen last if it is still there, else the first at or after the cursor. */
export function rovingStop(order: readonly FocusStop[], chosen: string | null, cursorRow: number): string | undefined {
  if (chosen !== null && order.some((stop) => stop.key === chosen)) return chosen;
  return (order.find((stop) => stop.row >= cursorRow) ?? order[0])?.key;
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
