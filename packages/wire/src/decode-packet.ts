import type { DecodedPacket, IcmpMessage, NetworkLayer, TcpSegment, UdpDatagram } from './decoded-packet.ts';
import type { FragmentReassembler, PacketPlace } from './fragment-reassembler.ts';
import { decodeGre } from './gre.ts';
import { decodeIcmp } from './icmp.ts';
import { IP_PROTOCOL } from './ip-layer.ts';
import type { IpLayer } from './ip-layer.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6 } from './ipv6.ts';
import { walkExtensionHeaders } from './ipv6-extension-headers.ts';
import type { LinkLayer } from './link-layer-result.ts';
import { ethernet, unwrapLinkLayer } from './link-layer.ts';
import { ppp } from './serial-link.ts';
import { decodeTcp } from './tcp.ts';
import type { TunnelHeader } from './tunnel-header.ts';
import { decodeUdp } from './udp.ts';
import { decodeUdpTunnel } from './udp-tunnels.ts';

type TransportDecoding = { tcp?: TcpSegment; udp?: UdpDatagram; icmp?: IcmpMessage; error?: string };
type NetworkStart = Extract<LinkLayer, { offset: number }>;

/** An IP packet's payload: `start` to `end` (by its header; may pass the capture) of `data`. */
interface IpPayload {
  data: Uint8Array;
  start: number;
  end: number;
  protocol: number;
  /** A first fragment decoded alone: its transport header speaks for more than it holds. */
  partial?: boolean;
}

/** What decoding one frame may use beyond the frame: see PacketDecoder. */
export interface DecodeContext {
  /** Without it each fragment is decoded alone: only a first fragment shows its transport header. */
  fragments?: FragmentReassembler;
  place?: PacketPlace;
}

/** Tunnels inside tunnels deeper than this are left undecoded (a crafted file could nest many). */
const MAX_TUNNEL_DEPTH = 8;

/**
 * Decodes a captured frame down to TCP, UDP or ICMP, through any tunnels. Never throws: whatever
 * is malformed is described in `error`, and everything decoded before the problem is kept.
 * `originalLength` (the frame's length on the wire) tells a snaplen cut from a lying header.
 * Each fragment is decoded alone; PacketDecoder reassembles them.
 */
export function decodePacket(linkType: number, data: Uint8Array, originalLength?: number): DecodedPacket {
  return decodeFrame(linkType, data, originalLength, {});
}

export function decodeFrame(linkType: number, data: Uint8Array, originalLength: number | undefined, context: DecodeContext): DecodedPacket {
  const packet: DecodedPacket = { truncated: originalLength !== undefined && data.length < originalLength };
  const link = unwrapLinkLayer(linkType, data);
  if ('error' in link) return { ...packet, error: link.error };
  return decodeNetwork(packet, link, data, originalLength, context, 0);
}

/** The IP packet at `link.offset` and everything inside it, added to `packet`. */
function decodeNetwork(
  packet: DecodedPacket, link: NetworkStart, data: Uint8Array, wireLength: number | undefined, context: DecodeContext, depth: number,
): DecodedPacket {
  const version = link.network === 'by-version' ? rawIpVersion(data, link.offset) : link.network;
  if (version === 'other') return packet;
  if (typeof version === 'object') return { ...packet, error: version.error };

  const ip = version === 4 ? decodeIpv4(data, link.offset, wireLength) : decodeIpv6(data, link.offset, wireLength);
  if (!('network' in ip)) return { ...packet, error: ip.error };
  packet.network = ip.network;
  packet.truncated ||= ip.end > data.length;
  if (ip.error !== undefined) packet.error ??= ip.error;
  const payload = ipPayload(packet, ip, data, context);
  return payload === undefined ? packet : decodeIpPayload(packet, ip.network, payload, context, depth);
}

/** The payload to decode further: the packet's own, or a reassembled datagram's; none for a held fragment. */
function ipPayload(packet: DecodedPacket, ip: IpLayer, data: Uint8Array, context: DecodeContext): IpPayload | undefined {
  const { network, fragmentPayload: share } = ip;
  const { fragments, place } = context;
  const whole = network.fragment === undefined || (network.fragment.offset === 0 && !network.fragment.moreFragments);
  if (whole || fragments === undefined || place === undefined || share === undefined) {
    const partial = network.fragment?.moreFragments === true;
    return ip.hasTransportHeader ? { data, start: ip.payloadStart, end: ip.end, protocol: network.protocol, partial } : undefined;
  }
  if (ip.end <= share.start || network.fragment === undefined) return undefined;
  const bytes = data.subarray(share.start, Math.min(ip.end, data.length));
  const datagram = fragments.add(place, { network: { ...network, fragment: network.fragment }, nextHeader: share.nextHeader, bytes, length: ip.end - share.start });
  if (datagram === undefined) return undefined;
  const walk = network.version === 6 ? walkExtensionHeaders(datagram.data, 0, datagram.nextHeader) : undefined;
  const start = walk?.offset ?? 0;
  const protocol = walk?.protocol ?? datagram.nextHeader;
  packet.network = { ...network, protocol, payloadLength: datagram.data.length - start, reassembledFrom: datagram.packets };
  if (datagram.problem !== undefined) packet.error ??= datagram.problem;
  if (walk?.error !== undefined) {
    packet.error ??= walk.error;
    return undefined;
  }
  return { data: datagram.data, start, end: datagram.data.length, protocol };
}

function decodeIpPayload(packet: DecodedPacket, network: NetworkLayer, payload: IpPayload, context: DecodeContext, depth: number): DecodedPacket {
  const capturedEnd = Math.min(payload.end, payload.data.length);
  const captured = payload.data.subarray(0, capturedEnd);
  if (depth < MAX_TUNNEL_DEPTH) {
    const header = ipTunnel(payload, captured);
    if (header !== undefined) return enterTunnel(packet, network, header, captured, payload.end, context, depth);
  }
  const { error, ...layers } = decodeTransport(network.version, payload, capturedEnd);
  Object.assign(packet, layers);
  if (error !== undefined) packet.error ??= error;
  const { udp } = layers;
  if (udp === undefined || depth >= MAX_TUNNEL_DEPTH) return packet;
  const header = decodeUdpTunnel(udp.srcPort, udp.dstPort, udp.payload);
  return header === undefined ? packet : enterTunnel(packet, network, header, udp.payload, udp.payloadLength, context, depth);
}

/** IP in IP (RFC 2003, RFC 4213) and GRE, read from the IP payload. */
function ipTunnel(payload: IpPayload, captured: Uint8Array): TunnelHeader | undefined {
  switch (payload.protocol) {
    case IP_PROTOCOL.IPV4:
      return { tunnel: { kind: 'ip-in-ip' }, inner: 4, offset: payload.start };
    case IP_PROTOCOL.IPV6:
      return { tunnel: { kind: 'ip-in-ip' }, inner: 6, offset: payload.start };
    case IP_PROTOCOL.GRE:
      return decodeGre(captured, payload.start);
    default:
      return undefined;
  }
}

/**
 * Decodes what a tunnel header says follows it, `data` from its offset up to `end` (the length
 * the outer headers give it). The result is the inner packet with the tunnel recorded; when
 * nothing IP is inside (e.g. ARP over VXLAN), the outer packet as decoded so far.
 */
function enterTunnel(
  packet: DecodedPacket, outer: NetworkLayer, header: TunnelHeader, data: Uint8Array, end: number, context: DecodeContext, depth: number,
): DecodedPacket {
  if ('error' in header) return { ...packet, error: packet.error ?? header.error };
  const innerData = data.subarray(header.offset, Math.min(end, data.length));
  const link: LinkLayer =
    header.inner === 'ethernet' ? ethernet(innerData) : header.inner === 'ppp' ? ppp(innerData) : { network: header.inner, offset: 0 };
  if ('error' in link) return { ...packet, error: packet.error ?? link.error };
  if (link.network === 'other') return packet;
  const inner = decodeNetwork({ truncated: false }, link, innerData, end - header.offset, context, depth + 1);
  if (inner.network === undefined) return { ...packet, error: packet.error ?? inner.error };
  const tunnel = { ...header.tunnel, outerSrc: outer.src, outerDst: outer.dst };
  const error = packet.error ?? inner.error;
  return {
    ...inner,
    tunnels: [tunnel, ...(inner.tunnels ?? [])],
    truncated: packet.truncated || inner.truncated,
    ...(error !== undefined && { error }),
  };
}

function decodeTransport(version: 4 | 6, payload: IpPayload, capturedEnd: number): TransportDecoding {
  const { data, start, protocol, partial = false } = payload;
  const payloadLength = payload.end - start;
  switch (protocol) {
    case IP_PROTOCOL.TCP:
      return decodeTcp(data, start, capturedEnd, payloadLength);
    case IP_PROTOCOL.UDP:
      return decodeUdp(data, start, capturedEnd, payloadLength, partial);
    case IP_PROTOCOL.ICMP:
      return version === 4 ? decodeIcmp(4, data, start, capturedEnd) : {};
    case IP_PROTOCOL.ICMPV6:
      return version === 6 ? decodeIcmp(6, data, start, capturedEnd) : {};
    default:
      return {};
  }
}

/** Raw IP link types give no ethertype: the version nibble decides. */
function rawIpVersion(data: Uint8Array, offset: number): 4 | 6 | { error: string } {
  const first = data[offset];
  if (first === undefined) return { error: 'raw IP packet is empty' };
  const version = first >> 4;
  return version === 4 || version === 6 ? version : { error: `raw IP packet has version ${version}` };
}
