import type { SegmentEvent } from './events.ts';

/**
 * The window a segment offers, as its peer may use it: the raw header field shifted by the
 * window scale its sender announced in its SYN (RFC 7323: only when both SYNs carried the
 * option, and never on a SYN itself). `connection` is the connection's segments, at least its SYNs.
 */
export function scaledWindow(segment: SegmentEvent, connection: readonly SegmentEvent[]): { raw: number; scale: number; bytes: number } | undefined {
  if (segment.win === undefined) return undefined;
  if (segment.flags.includes('SYN')) return { raw: segment.win, scale: 0, bytes: segment.win };
  const synOf = (side: string) => connection.find((s) => s.from === side && s.flags.includes('SYN') && s.src === (side === segment.from ? segment.src : segment.dst));
  const mine = synOf(segment.from)?.options?.wscale;
  const theirs = synOf(segment.to)?.options?.wscale;
  const scale = mine !== undefined && theirs !== undefined ? mine : 0;
  return { raw: segment.win, scale, bytes: segment.win * 2 ** scale };
}
