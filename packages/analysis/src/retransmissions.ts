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
    let sent = this.#sent.get(key);
    // A new SYN with a new sequence number starts a new connection on the same ports.
    if (!sent || (covered.syn && !sent.every((earlier) => earlier.syn && earlier.seq === covered.seq))) {
      sent = (sent ?? []).filter((earlier) => covered.syn && earlier.syn && earlier.seq === covered.seq);
      this.#sent.set(key, sent);
    }
    // Appended in place: copying the list for every segment made a long session quadratic.
    sent.push({ id: segment.id, ...covered });
  }
}

function cover(segment: Omit<SegmentEvent, 'id'>): Omit<Sent, 'id'> | undefined {
  if (segment.seq === undefined || segment.flags.includes('RST')) return undefined;
  const syn = segment.flags.includes('SYN');
  const fin = segment.flags.includes('FIN');
  const span = segment.len + (syn ? 1 : 0) + (fin ? 1 : 0);
  return span > 0 ? { seq: segment.seq, span, syn, fin } : undefined;
}
