/**
 * Sequence space one direction of a TCP connection has sent, as sorted, non-overlapping ranges
 * of relative sequence numbers, each owned by the segment that first sent it. The rule of
 * RetransmitTracker in @sockscope/analysis (a segment whose first sequence number lies in space already sent
 * repeats the segment that sent it), with a binary search instead of a scan: an imported
 * capture may hold hundreds of thousands of segments in one direction.
 * A connection that sends more than 4 GiB wraps its relative numbers; that is beyond this.
 */
class SentRanges {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #ids: number[] = [];

  /** Index of the last range starting at or before `at`, or -1. */
  #before(at: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.#starts[middle] as number) <= at) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The segment that first sent sequence number `at`, if one did. */
  sender(at: number): number | undefined {
    const index = this.#before(at);
    return index >= 0 && at < (this.#ends[index] as number) ? this.#ids[index] : undefined;
  }

  /** Claims the part of [start, end) no earlier segment sent, up to the next range sent. */
  add(start: number, end: number, id: number): void {
    const index = this.#before(start);
    const from = index >= 0 ? Math.max(start, this.#ends[index] as number) : start;
    const next = this.#starts[index + 1];
    const to = next === undefined ? end : Math.min(end, next);
    if (from >= to) return;
    this.#starts.splice(index + 1, 0, from);
    this.#ends.splice(index + 1, 0, to);
    this.#ids.splice(index + 1, 0, id);
  }
}

export interface SegmentNumbers {
  relSeq: number;
  relAck?: number;
  /** The id of the earlier segment this one repeats. */
  retransmitOf?: number;
}

interface Segment {
  src: string;
  dst: string;
  seq: number;
  ack: number;
  flags: readonly string[];
  len: number;
}

/**
 * One TCP connection's numbering: relative sequence and acknowledgement numbers as Wireshark
 * shows them (from the SYN's sequence number; mid-connection, from one before the first number
 * seen in each direction, so the first byte seen is 1), and retransmissions.
 */
export class SequenceSpace {
  /** The absolute sequence number relative 0 stands for, by sender. */
  readonly #base = new Map<string, number>();
  readonly #sent = new Map<string, SentRanges>();

  /** Numbers the segment with event id `id`; call once per segment, in capture order. */
  number(segment: Segment, id: number): SegmentNumbers {
    const has = (flag: string) => segment.flags.includes(flag);
    if (!this.#base.has(segment.src)) this.#base.set(segment.src, has('SYN') ? segment.seq : (segment.seq - 1) >>> 0);
    if (has('ACK') && !this.#base.has(segment.dst)) this.#base.set(segment.dst, (segment.ack - 1) >>> 0);
    const relSeq = (segment.seq - (this.#base.get(segment.src) as number)) >>> 0;
    const numbers: SegmentNumbers = { relSeq };
    if (has('ACK')) numbers.relAck = (segment.ack - (this.#base.get(segment.dst) as number)) >>> 0;
    // Sequence space a segment covers: its data, and one more for a SYN or a FIN. RSTs and pure
    // ACKs cover none and never count as retransmissions.
    const span = has('RST') ? 0 : segment.len + (has('SYN') ? 1 : 0) + (has('FIN') ? 1 : 0);
    if (span === 0) return numbers;
    let sent = this.#sent.get(segment.src);
    if (!sent) {
      sent = new SentRanges();
      this.#sent.set(segment.src, sent);
    }
    const original = sent.sender(relSeq);
    if (original !== undefined) numbers.retransmitOf = original;
    sent.add(relSeq, relSeq + span, id);
    return numbers;
  }
}
