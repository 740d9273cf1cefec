import type { SegmentAnalysis } from '@sockscope/protocol';
import { SentRanges } from './sent-ranges.ts';

/** One TCP segment as the analysis reads it: the header's raw numbers and its time. */
export interface AnalyzedSegment {
  src: string;
  dst: string;
  seq: number;
  /** The acknowledgement field as sent, whether or not ACK is set. */
  ack: number;
  flags: readonly string[];
  len: number;
  /** The raw window field. */
  win: number;
  tUs: number;
}

export interface SegmentNumbers {
  relSeq: number;
  relAck?: number;
  analysis?: SegmentAnalysis;
  /** The id of the earlier segment that first sent this one's first sequence number, for a retransmission. */
  retransmitOf?: number;
}

/** Wireshark's 32-bit sequence comparisons (LT_SEQ, LE_SEQ, GT_SEQ). */
const lt = (a: number, b: number) => ((a - b) | 0) < 0;
const le = (a: number, b: number) => ((a - b) | 0) <= 0;
const gt = (a: number, b: number) => ((a - b) | 0) > 0;
const u32 = (n: number) => n >>> 0;

const FAST_RETRANSMISSION_US = 20_000;
/**
 * Wireshark's duplicate ACK count after an ACK of a segment missing from the capture: -1 in an
 * unsigned counter, so it also passes the fast retransmission test (two duplicate ACKs or more),
 * as tshark 4.0 does (frames 8, 10 and 12 of Zeek's tcp/reassembly.pcap, not among the test captures: its packets are cut short).
 */
const UNSEEN_ACKED = 0xffffffff;
/** The out-of-order window before the handshake's round trip is known. */
const OUT_OF_ORDER_DEFAULT_US = 3_000;

/** What Wireshark keeps per direction (tcp_flow_t, tcp_analyze_seq_info). 0 stands for unset, as there. */
class Direction {
  base: number | undefined;
  nextSeq = 0;
  nextSeqTUs = Number.NEGATIVE_INFINITY;
  maxSeqToBeAcked = 0;
  lastAck = 0;
  lastAckTUs = Number.NEGATIVE_INFINITY;
  window = 0;
  dupAcks = 0;
  lastWasKeepAlive = false;
  lastWasZeroWindowProbe = false;
  sent = new SentRanges();
}

/**
 * One TCP connection as Wireshark's sequence analysis sees it (packet-tcp.c, dissect_tcp and
 * tcp_analyze_sequence_number, tshark 4.0): relative numbers from each direction's SYN or SYN-ACK,
 * re-based when a SYN or SYN-ACK brings a new ISN, from one before the first number seen when
 * the handshake is missing; and retransmissions (plain, fast, spurious), out-of-order segments
 * and keep-alives told apart by the same rules, in the same order. Call `number` once per
 * segment in capture order.
 */
export class TcpConnectionAnalysis {
  readonly #directions = new Map<string, Direction>();
  /** When the last SYN (without ACK) was sent, and the handshake's round trip (0: unknown). */
  #synTUs: number | undefined;
  #firstRttUs = 0;

  #direction(endpoint: string): Direction {
    let direction = this.#directions.get(endpoint);
    if (!direction) {
      direction = new Direction();
      this.#directions.set(endpoint, direction);
    }
    return direction;
  }

  /** Numbers and classifies the segment with event id `id`. */
  number(segment: AnalyzedSegment, id: number): SegmentNumbers {
    const { seq, ack, len, win: window, tUs } = segment;
    const has = (flag: string) => segment.flags.includes(flag);
    const syn = has('SYN');
    const synOrFin = syn || has('FIN');
    const control = synOrFin || has('RST');
    const fwd = this.#direction(segment.src);
    const rev = this.#direction(segment.dst);

    // dissect_tcp: a SYN or SYN-ACK with a new ISN starts the direction's numbers again.
    if (syn && fwd.base !== undefined && seq !== fwd.base) {
      fwd.base = seq;
      fwd.sent = new SentRanges();
    }
    fwd.base ??= syn ? seq : u32(seq - 1);
    // The other side's ISN from the first acknowledgement (a SYN's ACK field may hold anything).
    if (rev.base === undefined && has('ACK')) rev.base = u32(ack - 1);

    let analysis: SegmentAnalysis | undefined;
    let zeroWindowProbe = false;
    checks: {
      if (len === 1 && seq === fwd.nextSeq && rev.window === 0) {
        zeroWindowProbe = true;
        break checks;
      }
      if (len <= 1 && seq === u32(fwd.nextSeq - 1) && !control) analysis = 'keep-alive';
      const repeatsAck = len === 0 && window === fwd.window && seq === fwd.nextSeq && ack === fwd.lastAck && !control;
      // A keep-alive's or a zero window probe's ACK is not a duplicate ACK.
      if (repeatsAck && window !== 0 && rev.lastWasKeepAlive) break checks;
      if (repeatsAck && window === 0 && rev.lastWasZeroWindowProbe) break checks;
      if (repeatsAck && window !== 0) fwd.dupAcks = fwd.dupAcks === UNSEEN_ACKED ? 1 : fwd.dupAcks + 1;
    }
    if (ack !== fwd.lastAck) fwd.dupAcks = 0;
    // An ACK beyond what the other side was seen to send (a segment missing from the capture).
    if (rev.maxSeqToBeAcked !== 0 && gt(ack, rev.maxSeqToBeAcked) && has('ACK')) {
      if (rev.maxSeqToBeAcked > rev.nextSeq) rev.maxSeqToBeAcked = rev.nextSeq;
      else rev.dupAcks = UNSEEN_ACKED;
    }

    if ((len > 0 || synOrFin) && analysis !== 'keep-alive') analysis = this.#repeat(segment, fwd, rev, synOrFin);

    const next = u32(seq + len + (synOrFin ? 1 : 0));
    if ((gt(next, fwd.nextSeq) || fwd.nextSeq === 0) && !zeroWindowProbe) {
      fwd.nextSeq = next;
      fwd.nextSeqTUs = tUs;
    }
    if ((seq === fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked === 0) && !zeroWindowProbe) fwd.maxSeqToBeAcked = fwd.nextSeq;
    fwd.window = window;
    fwd.lastAck = ack;
    fwd.lastAckTUs = tUs;
    fwd.lastWasKeepAlive = analysis === 'keep-alive';
    fwd.lastWasZeroWindowProbe = zeroWindowProbe;
    // The handshake's round trip: from the last SYN to the first pure ACK after it.
    if (syn && !has('ACK')) this.#synTUs = tUs;
    else if (has('ACK') && !syn && this.#synTUs !== undefined && this.#firstRttUs === 0) this.#firstRttUs = tUs - this.#synTUs;

    const relSeq = u32(seq - fwd.base);
    const numbers: SegmentNumbers = { relSeq };
    if (has('ACK') && rev.base !== undefined) numbers.relAck = u32(ack - rev.base);
    if (analysis) numbers.analysis = analysis;
    if (analysis?.endsWith('retransmission')) {
      const original = fwd.sent.sender(relSeq);
      if (original !== undefined) numbers.retransmitOf = original;
    }
    const span = has('RST') ? 0 : len + (synOrFin ? 1 : 0);
    if (span > 0) fwd.sent.add(relSeq, relSeq + span, id);
    return numbers;
  }

  /** tcp_analyze_sequence_number's retransmission checks, for a segment that carries data, SYN or FIN. */
  #repeat(segment: AnalyzedSegment, fwd: Direction, rev: Direction, synOrFin: boolean): SegmentAnalysis | undefined {
    const { seq, len, tUs } = segment;
    // One byte before the next expected one with more data after it: new data after a zero window probe.
    const notAdvanced = fwd.nextSeq !== 0 && lt(seq, fwd.nextSeq) && !(len > 1 && u32(fwd.nextSeq - 1) === seq);
    // All of its data was acknowledged already.
    if (len > 0 && rev.lastAck !== 0 && le(u32(seq + len), rev.lastAck)) return 'spurious-retransmission';
    if (!notAdvanced) return undefined;
    if (rev.dupAcks >= 2 && rev.lastAck === seq && tUs - rev.lastAckTUs < FAST_RETRANSMISSION_US) return 'fast-retransmission';
    const outOfOrderUs = this.#firstRttUs === 0 ? OUT_OF_ORDER_DEFAULT_US : this.#firstRttUs;
    if (tUs - fwd.nextSeqTUs < outOfOrderUs && fwd.nextSeq !== u32(seq + len + (synOrFin ? 1 : 0))) return 'out-of-order';
    return 'retransmission';
  }
}
