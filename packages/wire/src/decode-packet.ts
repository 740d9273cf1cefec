import type { DecodedPacket, IcmpMessage, TcpSegment, UdpDatagram } from './decoded-packet.ts';
import { decodeIcmp } from './icmp.ts';
import { IP_PROTOCOL } from './ip-layer.ts';
import type { IpLayer } from './ip-layer.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6 } from './ipv6.ts';
import { unwrapLinkLayer } from './link-layer.ts';
import { decodeTcp } from './tcp.ts';
import { decodeUdp } from './udp.ts';

type TransportDecoding = { tcp?: TcpSegment; udp?: UdpDatagram; icmp?: IcmpMessage; error?: string };

/**
 * Decodes a captured frame down to TCP, UDP or ICMP. Never throws: whatever is malformed is
 * described in `error`, and everything decoded before the problem is kept.
 * `originalLength` (the frame's length on the wire) tells a snaplen cut from a lying header.
 */
export function decodePacket(linkType: number, data: Uint8Array, originalLength?: number): DecodedPacket {
  const packet: DecodedPacket = { truncated: originalLength !== undefined && data.length < originalLength };
  const link = unwrapLinkLayer(linkType, data);
  if ('error' in link) return { ...packet, error: link.error };
  const version = link.network === 'by-version' ? rawIpVersion(data, link.offset) : link.network;
  if (version === 'other') return packet;
  if (typeof version === 'object') return { ...packet, error: version.error };

  const ip = version === 4 ? decodeIpv4(data, link.offset, originalLength) : decodeIpv6(data, link.offset, originalLength);
  if (!('network' in ip)) return { ...packet, error: ip.error };
  packet.network = ip.network;
  packet.truncated ||= ip.end > data.length;
  if (ip.error !== undefined) packet.error = ip.error;
  if (!ip.hasTransportHeader) return packet;
  const { error, ...layers } = decodeTransport(ip, data);
  Object.assign(packet, layers);
  if (error !== undefined) packet.error ??= error;
  return packet;
}

function decodeTransport(ip: IpLayer, data: Uint8Array): TransportDecoding {
  const { protocol, payloadLength, version, fragment } = ip.network;
  const start = ip.payloadStart;
  const capturedEnd = Math.min(ip.end, data.length);
  switch (protocol) {
    case IP_PROTOCOL.TCP:
      return decodeTcp(data, start, capturedEnd, payloadLength);
    case IP_PROTOCOL.UDP:
      return decodeUdp(data, start, capturedEnd, payloadLength, fragment?.moreFragments === true);
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
