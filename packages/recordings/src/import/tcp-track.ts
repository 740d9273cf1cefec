import { capturedFlags, TcpConnectionAnalysis, TcpStateTracker, type SegmentEnd, type StateChange } from '@sockscope/analysis';
import type { SegmentEvent } from '@sockscope/protocol';
import { formatEndpoint, payloadPreview, type DecodedPacket, type NetworkLayer, type TcpSegment } from '@sockscope/wire';
import { TrackBuilder, type Lifeline } from './track-builder.ts';

export interface TcpPacket extends DecodedPacket {
  network: NetworkLayer;
  tcp: TcpSegment;
}

const isSyn = (tcp: TcpSegment) => tcp.flags.includes('SYN') && !tcp.flags.includes('ACK');

/**
 * Who opened the connection: the sender of a SYN, the receiver of a SYN-ACK; mid-connection,
 * the end with the higher port (servers listen on the lower, well-known one).
 */
function roles(src: Lifeline, dst: Lifeline, tcp: TcpSegment): [Lifeline, Lifeline] {
  if (isSyn(tcp)) return [src, dst];
  if (tcp.flags.includes('SYN')) return [dst, src];
  return tcp.dstPort < tcp.srcPort ? [src, dst] : tcp.srcPort < tcp.dstPort ? [dst, src] : [src, dst];
}

/**
 * One TCP connection of an imported capture: its segments as a session draws captured ones,
 * numbered and analysed like Wireshark (retransmissions, out-of-order segments, keep-alives), states inferred by the RFC 9293
 * tracker of @sockscope/analysis with each end as a socket named by its endpoint.
 */
export class TcpTrack extends TrackBuilder {
  readonly #states = new TcpStateTracker();
  readonly #numbers = new TcpConnectionAnalysis();
  /** The sequence number of each end's SYN, to tell a repeated SYN from a new connection. */
  readonly #syns = new Map<string, number>();
  #onlySyns = true;
  readonly #server: string;

  constructor(id: string, t: number, file: string, src: Lifeline, dst: Lifeline, packet: TcpPacket) {
    const [client, server] = roles(src, dst, packet.tcp);
    super(id, 'tcp', `TCP ${client.name} → ${server.name}`,
      [{ ...client, role: 'client' }, { ...server, role: 'server' }], t, file);
    this.#server = server.name;
    if (!packet.tcp.flags.includes('SYN')) {
      this.note(t, 'info', 'The capture starts in the middle of this connection: its handshake is missing, so both ends are taken to be ESTABLISHED from the first packet, and sequence numbers count from one before the first seen, as Wireshark does.');
      this.#record([...this.#states.correct(t, client.name, client.name, 'ESTABLISHED'), ...this.#states.correct(t, server.name, server.name, 'ESTABLISHED')]);
    } else if (!isSyn(packet.tcp)) {
      this.note(t, 'info', 'The capture starts at the SYN-ACK: the SYN that opened this connection is missing.');
      this.#record(this.#states.correct(t, client.name, client.name, 'SYN-SENT'));
    }
  }

  /** Whether this SYN opens a new connection on the same ports rather than repeating this one's. */
  opensNewConnection(src: string, tcp: TcpSegment): boolean {
    if (!isSyn(tcp)) return false;
    const earlier = this.#syns.get(src);
    if (earlier !== undefined) return earlier !== tcp.seq;
    // Both ends sending SYNs before anything else is a simultaneous open: one connection.
    return !this.#onlySyns;
  }

  add(t: number, packet: TcpPacket): void {
    const { network, tcp } = packet;
    const src = formatEndpoint(network.src, tcp.srcPort);
    const dst = formatEndpoint(network.dst, tcp.dstPort);
    const flags = capturedFlags(tcp.flags);
    if (isSyn(tcp) && !this.#syns.has(src)) this.#syns.set(src, tcp.seq);
    this.#onlySyns &&= tcp.flags.includes('SYN');
    const id = this.events.length + 1;
    const { relSeq, relAck, analysis, retransmitOf } = this.#numbers.number({ src, dst, seq: tcp.seq, ack: tcp.ack, flags: tcp.flags, len: tcp.payloadLength, win: tcp.window, tUs: t }, id);
    const hasAck = flags.includes('ACK');
    // Made whole in one literal, in a session log's key order: an import holds a million of these,
    // and objects built by spreading and deleting keys cost several times the memory.
    const segment: SegmentEvent = {
      id, t, kind: 'segment', source: 'captured', from: src, to: dst, src, dst, flags,
      seq: tcp.seq, relSeq,
      ...(hasAck && { ack: tcp.ack }),
      len: tcp.payloadLength,
      win: tcp.window,
      ...(Object.keys(tcp.options).length > 0 && { options: tcp.options }),
      ...(tcp.payload.length > 0 && { payload: payloadPreview(tcp.payload) }),
      ...(relAck !== undefined && { relAck }),
      ...(analysis !== undefined && { analysis }),
      ...(retransmitOf !== undefined && { retransmitOf }),
    };
    this.append(segment);
    const end = (name: string): SegmentEnd => ({ id: name, side: name, fromListener: name === this.#server });
    this.#record(this.#states.onSegment(segment, end(src), end(dst)));
  }

  #record(changes: StateChange[]): void {
    for (const change of changes) this.push({ kind: 'state', source: 'inferred', ...change });
  }
}
