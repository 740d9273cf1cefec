import type { SegmentEvent } from '@sockscope/protocol';

interface Sent {
  id: number;
  seq: number;
  /** Sequence space the segment covers: its data, plus one for a SYN or a FIN. */
  span: number;
  syn: boolean;
  fin: boolean;
}

/**
 * Recognises retransmissions among captured segments: a segment that covers sequence space
 * its sender already sent in the same direction (the same SYN, the same FIN, or data starting
 * inside earlier data) repeats it. Pure ACKs and window probes cover none and never count.
 */
export class RetransmitTracker {
  readonly #sent = new Map<string, Sent[]>();

  /** The id of the first segment this one repeats, if it is a retransmission. */
  originalOf(segment: Omit<SegmentEvent, 'id'>): number | undefined {
    const covered = cover(segment);
    if (!covered) return undefined;
    const earlier = this.#sent.get(`${segment.src}>${segment.dst}`) ?? [];
    return earlier.find((sent) => {
      if (covered.syn || sent.syn) return covered.syn && sent.syn && sent.seq === covered.seq;
      const offset = (covered.seq - sent.seq) >>> 0;
      return offset < sent.span;
    })?.id;
  }

  remember(segment: SegmentEvent): void {
    const covered = cover(segment);
    if (!covered) return;
    const key = `${segment.src}>${segment.dst}`;
    // A new SYN with a new sequence number starts a new connection on the same ports.
    const earlier = covered.syn ? (this.#sent.get(key) ?? []).filter((sent) => sent.syn && sent.seq === covered.seq) : this.#sent.get(key) ?? [];
    this.#sent.set(key, [...earlier, { id: segment.id, ...covered }]);
  }
}

function cover(segment: Omit<SegmentEvent, 'id'>): Omit<Sent, 'id'> | undefined {
  if (segment.seq === undefined || segment.flags.includes('RST')) return undefined;
  const syn = segment.flags.includes('SYN');
  const fin = segment.flags.includes('FIN');
  const span = segment.len + (syn ? 1 : 0) + (fin ? 1 : 0);
  return span > 0 ? { seq: segment.seq, span, syn, fin } : undefined;
}
