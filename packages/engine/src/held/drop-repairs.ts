import type { SegmentEvent } from '@sockscope/protocol';

/** Wireshark's 32-bit sequence comparison: `a` is at or after `b`. */
const atOrAfter = (a: number, b: number) => ((a - b) | 0) >= 0;

const sameWay = (a: SegmentEvent, b: SegmentEvent) => a.src === b.src && a.dst === b.dst;
const backWay = (a: SegmentEvent, b: SegmentEvent) => a.src === b.dst && a.dst === b.src;
const carries = (segment: SegmentEvent) => segment.len > 0 || segment.flags.includes('SYN') || segment.flags.includes('FIN');

/**
 * The dropped TCP segments whose loss the kernels have not yet made good. A segment that takes
 * sequence space (SYN, FIN, data) is made good when its receiver acknowledges it: an ACK past
 * its end leaves the receiver, so it got a copy (the sender's retransmission). A bare ACK is made
 * good when a later segment of its sender carrying that acknowledgement or more is delivered
 * (the next data segment, or the answer to a retransmitted SYN-ACK). An RST ends the connection
 * and what was missing with it; a dropped RST, or a UDP datagram, is never sent again.
 */
export class DropRepairs {
  #missing: SegmentEvent[] = [];

  dropped(segment: SegmentEvent): void {
    if (segment.seq === undefined || segment.flags.includes('RST')) return;
    this.#missing.push(segment);
  }

  /** A segment left its sender (it is in the queue now). */
  sent(segment: SegmentEvent): void {
    if (segment.flags.includes('RST')) {
      this.#missing = this.#missing.filter((lost) => !sameWay(lost, segment) && !backWay(lost, segment));
      return;
    }
    if (segment.ack === undefined || !segment.flags.includes('ACK')) return;
    const ack = segment.ack;
    this.#missing = this.#missing.filter((lost) => {
      if (!carries(lost) || !backWay(lost, segment) || lost.seq === undefined) return true;
      const end = (lost.seq + lost.len + (lost.flags.includes('SYN') || lost.flags.includes('FIN') ? 1 : 0)) >>> 0;
      return !atOrAfter(ack, end);
    });
  }

  /** A segment reached its receiver. */
  delivered(segment: SegmentEvent): void {
    const { ack } = segment;
    if (ack === undefined || !segment.flags.includes('ACK')) return;
    this.#missing = this.#missing.filter((lost) => carries(lost) || !sameWay(lost, segment) || lost.ack === undefined || !atOrAfter(ack, lost.ack));
  }

  /** The dropped segments not yet made good, oldest first. */
  get missing(): readonly SegmentEvent[] {
    return this.#missing;
  }
}
