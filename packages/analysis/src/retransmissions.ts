import type { SegmentEvent } from '@sockscope/protocol';
import { TcpConnectionAnalysis, type SegmentNumbers } from './sequence-analysis.ts';

interface Connection {
  analysis: TcpConnectionAnalysis;
  /** Each end's SYN sequence number, to tell a repeated SYN from a new connection on the same ports. */
  syns: Map<string, number>;
}

/**
 * Wireshark's sequence analysis over a session's captured segments, connection by connection
 * (TcpConnectionAnalysis): marks retransmissions (plain, fast, spurious, naming the segment
 * repeated), out-of-order segments and keep-alives. Inferred segments carry no sequence numbers
 * and are left alone.
 */
export class RetransmitTracker {
  readonly #connections = new Map<string, Connection>();

  /** The marks for `segment`, which the log will number `id`; call once per segment, in order. */
  analyze(segment: Omit<SegmentEvent, 'id'>, id: number): Pick<SegmentNumbers, 'analysis' | 'retransmitOf'> {
    const { src, dst, seq, flags } = segment;
    if (seq === undefined) return {};
    const key = src < dst ? `${src} ${dst}` : `${dst} ${src}`;
    let connection = this.#connections.get(key);
    const opening = flags.includes('SYN') && !flags.includes('ACK');
    if (!connection || (opening && (connection.syns.get(src) ?? seq) !== seq)) {
      connection = { analysis: new TcpConnectionAnalysis(), syns: new Map() };
      this.#connections.set(key, connection);
    }
    if (opening) connection.syns.set(src, seq);
    const { analysis, retransmitOf } = connection.analysis.number(
      { src, dst, seq, ack: segment.ack ?? 0, flags, len: segment.len, win: segment.win ?? 0, tUs: segment.t }, id);
    return { ...(analysis && { analysis }), ...(retransmitOf !== undefined && { retransmitOf }) };
  }
}
