import type { SessionEvent } from '@sockscope/protocol';

/**
 * What the ladder and the explanation say of a retransmission: which try it is, and how long the
 * kernel waited before it.
 * The engine decides which segments are retransmissions (`retransmitOf`); this only counts them.
 */
export interface RetransmissionAttempt {
  /** The id of the segment it repeats, as the engine reported it. */
  of: number;
  /**
   * How long the kernel waited since it last sent these bytes (the first transmission or the
   * try before): its retransmission timeout. Undefined when that segment is not in the log.
   */
  waitUs?: number;
  /** 2 for the first retransmission, 3 for the next try of the same segment, … */
  attempt: number;
}

/**
 * Every retransmitted segment of a session, by id, in one pass over its events (drawing order).
 * A retransmission may name the first transmission or the try before it; either way it counts
 * as one more try of the first, and its wait runs from the try just before it.
 */
export function retransmissionAttempts(events: readonly SessionEvent[]): Map<number, RetransmissionAttempt> {
  const found = new Map<number, RetransmissionAttempt>();
  /** The first transmission each segment id goes back to. */
  const firstOf = new Map<number, number>();
  /** The latest try of each first transmission so far: its time and its number. */
  const latest = new Map<number, { t: number; attempt: number }>();
  for (const event of events) {
    if (event.kind !== 'segment') continue;
    if (event.retransmitOf === undefined) {
      latest.set(event.id, { t: event.t, attempt: 1 });
      continue;
    }
    const first = firstOf.get(event.retransmitOf) ?? event.retransmitOf;
    firstOf.set(event.id, first);
    const before = latest.get(first);
    const attempt = (before?.attempt ?? 1) + 1;
    found.set(event.id, { of: event.retransmitOf, ...(before && { waitUs: event.t - before.t }), attempt });
    latest.set(first, { t: event.t, attempt });
  }
  return found;
}
