/** TCP flag names in the order Wireshark prints them; AE is the former NS bit (AccECN). */
export const TCP_FLAG_NAMES = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'] as const;
export type TcpFlagName = (typeof TCP_FLAG_NAMES)[number];

export interface NetworkLayer {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol number, after any IPv6 extension headers. */
  protocol: number;
  /** IPv4 TTL or IPv6 hop limit. */
  ttl: number;
  /**
   * Bytes after all IP headers as the header claims, after the BIG TCP (length 0) and jumbogram
   * fix-ups; may exceed what was captured.
   */
  payloadLength: number;
  /** Set on fragments; only the first (offset 0) carries a transport header. */
  fragment?: { id: number; offset: number; moreFragments: boolean };
  /**
   * Set on the fragment that completed a datagram (see PacketDecoder): the packet numbers of its
   * fragments in offset order. The transport layer decoded with it is the whole datagram's.
   */
  reassembledFrom?: number[];
}

export type TunnelKind = 'ip-in-ip' | 'gre' | 'erspan' | 'vxlan' | 'geneve' | 'gtp-u';

/** An encapsulation passed through to reach the packet's network layer. */
export interface Tunnel {
  kind: TunnelKind;
  /** The outer IP packet's addresses. */
  outerSrc: string;
  outerDst: string;
  /** VXLAN or Geneve virtual network identifier. */
  vni?: number;
  /** GTP-U tunnel endpoint identifier. */
  teid?: number;
  /** GRE key (for PPTP's enhanced GRE, the call id). */
  key?: number;
  /** ERSPAN session id. */
  session?: number;
}

export interface TcpOptions {
  mss?: number;
  wscale?: number;
  sackOk?: boolean;
  ts?: { val: number; ecr: number };
  sack?: [number, number][];
}

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  /** Absolute, unsigned 32-bit. */
  seq: number;
  ack: number;
  flags: TcpFlagName[];
  /** As on the wire, before any window scaling. */
  window: number;
  headerLength: number;
  options: TcpOptions;
  /** From the IP length, even if the capture was truncated. */
  payloadLength: number;
  /** The captured part of the payload. */
  payload: Uint8Array;
}

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  /** The UDP length field, header included. */
  length: number;
  payloadLength: number;
  payload: Uint8Array;
}

/** The start of the packet an ICMP error message is about. */
export interface QuotedPacket {
  proto: 'tcp' | 'udp' | number;
  src: string;
  dst: string;
  srcPort?: number;
  dstPort?: number;
}

export interface IcmpMessage {
  version: 4 | 6;
  type: number;
  code: number;
  quoted?: QuotedPacket;
}

export interface DecodedPacket {
  /**
   * The innermost IP packet. Absent for frames that carry no IP packet (e.g. ARP), or when the
   * IP header is unusable.
   */
  network?: NetworkLayer;
  /** The tunnels around `network`, outermost first; absent when it was not tunnelled. */
  tunnels?: Tunnel[];
  tcp?: TcpSegment;
  udp?: UdpDatagram;
  icmp?: IcmpMessage;
  /** What was wrong, if anything; the first problem found, outermost layer first. */
  error?: string;
  /** True when the capture holds fewer bytes than the packet had (snaplen). */
  truncated: boolean;
}
