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
 * Counts tries segment by segment, in drawing order, so a ladder growing with new events counts
 * only those. A retransmission may name the first transmission or the try before it; either way
 * it counts as one more try of the first, and its wait runs from the try just before it.
 */
export class RetransmissionCounter {
  /** The first transmission each segment id goes back to. */
  readonly #firstOf = new Map<number, number>();
  /** The latest try of each first transmission so far: its time and its number. */
  readonly #latest = new Map<number, { t: number; attempt: number }>();

  /** The segment's try, when it repeats an earlier one. */
  add(event: SessionEvent): RetransmissionAttempt | undefined {
    if (event.kind !== 'segment') return undefined;
    if (event.retransmitOf === undefined) {
      this.#latest.set(event.id, { t: event.t, attempt: 1 });
      return undefined;
    }
    const first = this.#firstOf.get(event.retransmitOf) ?? event.retransmitOf;
    this.#firstOf.set(event.id, first);
    const before = this.#latest.get(first);
    const attempt = (before?.attempt ?? 1) + 1;
    this.#latest.set(first, { t: event.t, attempt });
    return { of: event.retransmitOf, ...(before && { waitUs: event.t - before.t }), attempt };
  }
}

/** Every retransmitted segment of a session, by id, in one pass over its events (drawing order). */
export function retransmissionAttempts(events: readonly SessionEvent[]): Map<number, RetransmissionAttempt> {
  const found = new Map<number, RetransmissionAttempt>();
  const counter = new RetransmissionCounter();
  for (const event of events) {
    const attempt = counter.add(event);
    if (attempt) found.set(event.id, attempt);
  }
  return found;
}
