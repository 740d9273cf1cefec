import { TCP_FLAGS, type NewEvent, type TcpFlag, type TcpOptions } from '@sockscope/protocol';
import { formatEndpoint, payloadPreview, type DecodedPacket } from '@sockscope/wire';

const KNOWN_FLAGS = new Set<string>(TCP_FLAGS);

/** The flags an event may carry (AE has no name in the event schema); the decoder's own list when it has no other. */
export function capturedFlags(flags: readonly string[]): TcpFlag[] {
  return flags.every((flag) => KNOWN_FLAGS.has(flag)) ? (flags as TcpFlag[]) : flags.filter((flag): flag is TcpFlag => KNOWN_FLAGS.has(flag));
}

/**
 * Turns captured packets into session events. Keeps each direction's initial sequence number
 * so that segments carry relative numbers as Wireshark shows them.
 */
export class PacketMapper {
  readonly #isn = new Map<string, number>();

  /** `sideOf` names the endpoint an address belongs to (`client`, `server`). */
  constructor(private readonly sideOf: (address: string) => string) {}

  map(t: number, packet: DecodedPacket): NewEvent | undefined {
    const { network } = packet;
    if (packet.error) {
      return { kind: 'note', source: 'captured', t, code: 'capture', level: 'warn', text: `A captured packet could not be decoded: ${packet.error}` };
    }
    if (!network) return undefined;
    const from = this.sideOf(network.src);
    const to = this.sideOf(network.dst);
    if (packet.tcp) {
      const tcp = packet.tcp;
      const src = formatEndpoint(network.src, tcp.srcPort);
      const dst = formatEndpoint(network.dst, tcp.dstPort);
      const flags = capturedFlags(tcp.flags);
      const forward = `${src}>${dst}`;
      if (flags.includes('SYN') || !this.#isn.has(forward)) this.#isn.set(forward, tcp.seq);
      const reverseIsn = this.#isn.get(`${dst}>${src}`);
      const hasAck = flags.includes('ACK');
      return {
        kind: 'segment', source: 'captured', t, from, to, src, dst, flags,
        seq: tcp.seq,
        relSeq: (tcp.seq - (this.#isn.get(forward) ?? tcp.seq)) >>> 0,
        ...(hasAck && { ack: tcp.ack }),
        ...(hasAck && reverseIsn !== undefined && { relAck: (tcp.ack - reverseIsn) >>> 0 }),
        len: tcp.payloadLength,
        win: tcp.window,
        ...(hasOptions(tcp.options) && { options: tcp.options }),
        ...(tcp.payload.length > 0 && { payload: payloadPreview(tcp.payload) }),
      };
    }
    if (packet.udp) {
      const udp = packet.udp;
      return {
        kind: 'datagram', source: 'captured', t, from, to,
        src: formatEndpoint(network.src, udp.srcPort), dst: formatEndpoint(network.dst, udp.dstPort),
        len: udp.payloadLength,
        ...(udp.payload.length > 0 && { payload: payloadPreview(udp.payload) }),
      };
    }
    if (packet.icmp) {
      const { quoted } = packet.icmp;
      const about = quoted && (quoted.proto === 'tcp' || quoted.proto === 'udp') && quoted.srcPort !== undefined && quoted.dstPort !== undefined
        ? { proto: quoted.proto, srcPort: quoted.srcPort, dstPort: quoted.dstPort }
        : undefined;
      return {
        kind: 'icmp', source: 'captured', t, from, to, src: network.src, dst: network.dst,
        type: packet.icmp.type, code: packet.icmp.code, ...(about && { about }),
      };
    }
    return undefined;
  }
}

function hasOptions(options: TcpOptions): boolean {
  return Object.keys(options).length > 0;
}
