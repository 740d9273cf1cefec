import { formatIpv4, formatIpv6 } from './address.ts';
import { byteAt, u16 } from './bytes.ts';
import type { IcmpMessage, QuotedPacket } from './decoded-packet.ts';
import { IP_PROTOCOL } from './ip-layer.ts';
import { walkExtensionHeaders } from './ipv6-extension-headers.ts';

const HEADER_LENGTH = 4;
/** Error messages quote the offending packet after the 8-byte ICMP header. */
const QUOTE_START = 8;
/** Destination unreachable, source quench, redirect, time exceeded, parameter problem. */
const ICMPV4_ERRORS = new Set([3, 4, 5, 11, 12]);
/** Destination unreachable, packet too big, time exceeded, parameter problem. */
const ICMPV6_ERRORS = new Set([1, 2, 3, 4]);

/** The ICMP or ICMPv6 message at `start`, with the packet it quotes if it is an error report. */
export function decodeIcmp(version: 4 | 6, data: Uint8Array, start: number, capturedEnd: number): { icmp?: IcmpMessage; error?: string } {
  const captured = capturedEnd - start;
  const name = version === 4 ? 'ICMP' : 'ICMPv6';
  if (captured < HEADER_LENGTH) return { error: `${name} header truncated: ${captured} of ${HEADER_LENGTH} bytes captured` };
  const icmp: IcmpMessage = { version, type: byteAt(data, start), code: byteAt(data, start + 1) };
  const quotes = (version === 4 ? ICMPV4_ERRORS : ICMPV6_ERRORS).has(icmp.type);
  if (quotes && captured > QUOTE_START) {
    const quoted = decodeQuoted(version, data.subarray(start + QUOTE_START, capturedEnd));
    if (quoted !== undefined) icmp.quoted = quoted;
  }
  return { icmp };
}

/** The quoted header is often cut short, so only addresses, protocol and ports are read. */
function decodeQuoted(version: 4 | 6, bytes: Uint8Array): QuotedPacket | undefined {
  const header = version === 4 ? quotedIpv4(bytes) : quotedIpv6(bytes);
  if (header === undefined) return undefined;
  const { protocol, transportStart, ...addresses } = header;
  const proto = protocol === IP_PROTOCOL.TCP ? 'tcp' : protocol === IP_PROTOCOL.UDP ? 'udp' : protocol;
  if (typeof proto === 'number' || bytes.length < transportStart + 4) return { proto, ...addresses };
  return { proto, ...addresses, srcPort: u16(bytes, transportStart), dstPort: u16(bytes, transportStart + 2) };
}

interface QuotedHeader {
  src: string;
  dst: string;
  protocol: number;
  transportStart: number;
}

function quotedIpv4(bytes: Uint8Array): QuotedHeader | undefined {
  const headerLength = (byteAt(bytes, 0) & 0x0f) * 4;
  if (bytes.length < 20 || byteAt(bytes, 0) >> 4 !== 4 || headerLength < 20) return undefined;
  const laterFragment = (u16(bytes, 6) & 0x1fff) !== 0;
  return {
    src: formatIpv4(bytes, 12),
    dst: formatIpv4(bytes, 16),
    protocol: byteAt(bytes, 9),
    transportStart: laterFragment ? bytes.length : headerLength,
  };
}

function quotedIpv6(bytes: Uint8Array): QuotedHeader | undefined {
  if (bytes.length < 40 || byteAt(bytes, 0) >> 4 !== 6) return undefined;
  const walk = walkExtensionHeaders(bytes, 40, byteAt(bytes, 6));
  return {
    src: formatIpv6(bytes, 8),
    dst: formatIpv6(bytes, 24),
    protocol: walk.protocol,
    // Ports stay unknown rather than misread past a broken header or in a later fragment.
    transportStart: walk.error === undefined && (walk.fragment?.offset ?? 0) === 0 ? walk.offset : bytes.length,
  };
}
