import { textWidth } from './text-width.ts';

/** A lane's header: over its lifeline at `x`, its name and its endpoint under it. */
export interface HeadInput {
  x: number;
  name: string;
  endpoint?: string;
  /** A closed port's: its name written smaller, on two lines. */
  closed?: boolean;
}

/** The headers' type in pixels: the page's and the exported picture's differ a little. */
export interface HeadSizes {
  name: number;
  /** The name's letter-spacing, in em. */
  nameSpacing: number;
  closedName: number;
  endpoint: number;
}

/** A name cut at the space nearest its middle. */
export function twoLines(name: string): string[] {
  const spaces = [...name.matchAll(/ /g)].map((match) => match.index);
  if (spaces.length === 0) return [name];
  const cut = spaces.reduce((best, at) => (Math.abs(at - name.length / 2) < Math.abs(best - name.length / 2) ? at : best));
  return [name.slice(0, cut), name.slice(cut + 1)];
}

/** How wide a header is, by the ladder's width estimate (names are written in capitals, closed ports' aside). */
function headWidth(head: HeadInput, sizes: HeadSizes): number {
  const names = head.closed ? twoLines(head.name).map((line) => textWidth(line, { size: sizes.closedName, mono: false }))
    : [textWidth(head.name.toLocaleUpperCase(), { size: sizes.name, mono: false, letterSpacing: sizes.nameSpacing })];
  return Math.max(...names, head.endpoint ? textWidth(head.endpoint, { size: sizes.endpoint, mono: true }) : 0);
}

/**
 * Each header centred over its lifeline, kept inside its ladder; where two would still meet,
 * the first and the last move outward, as far as the ladder's edges let them.
 */
export function headPlaces<H extends HeadInput>(heads: readonly H[], width: number, sizes: HeadSizes): { lane: H; x: number }[] {
  const widths = heads.map((head) => headWidth(head, sizes));
  const xs = heads.map((head, index) => Math.min(Math.max(head.x, widths[index]! / 2), width - widths[index]! / 2));
  const apart = (a: number, b: number) => (widths[a]! + widths[b]!) / 2 + 12;
  const last = heads.length - 1;
  if (last >= 1) {
    xs[0] = Math.max(widths[0]! / 2, Math.min(xs[0]!, xs[1]! - apart(0, 1)));
    xs[last] = Math.min(width - widths[last]! / 2, Math.max(xs[last]!, xs[last - 1]! + apart(last - 1, last)));
  }
  return heads.map((lane, index) => ({ lane, x: xs[index]! }));
}
