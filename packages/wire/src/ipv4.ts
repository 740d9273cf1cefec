import { formatIpv4 } from './address.ts';
import { byteAt, u16 } from './bytes.ts';
import { headerTruncated } from './header-truncated.ts';
import { IP_PROTOCOL, ipHeaderError, lengthOnWire } from './ip-layer.ts';
import type { IpDecoding } from './ip-layer.ts';

const MIN_HEADER_LENGTH = 20;
const MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/**
 * The IPv4 packet at `start`. `wireLength` is the frame's length on the wire when known,
 * to tell a snaplen cut (truncated) from a length field that lies (error).
 */
export function decodeIpv4(data: Uint8Array, start: number, wireLength: number | undefined): IpDecoding {
  const headerError = ipHeaderError(data, start, 4, MIN_HEADER_LENGTH);
  if (headerError !== undefined) return { error: headerError };
  const captured = data.length - start;
  const headerLength = (byteAt(data, start) & 0x0f) * 4;
  if (headerLength < MIN_HEADER_LENGTH) return { error: `IPv4 header length ${headerLength} is below ${MIN_HEADER_LENGTH}` };
  if (captured < headerLength) return { error: headerTruncated('IPv4', captured, headerLength) };

  const protocol = byteAt(data, start + 9);
  const fragmentField = u16(data, start + 6);
  const fragmentOffset = (fragmentField & FRAGMENT_OFFSET_MASK) * 8;
  const moreFragments = (fragmentField & MORE_FRAGMENTS) !== 0;
  const onWire = lengthOnWire(data, start, wireLength);
  let totalLength = u16(data, start + 2);
  let error: string | undefined;
  let lengthUsable = true;
  // BIG TCP (GSO over 64 KiB) cannot state its length in 16 bits, so the kernel writes 0.
  if (totalLength === 0 && protocol === IP_PROTOCOL.TCP && onWire > headerLength) {
    totalLength = onWire;
  } else if (totalLength < headerLength) {
    error = `IPv4 total length ${totalLength} is below header length ${headerLength}`;
    totalLength = headerLength;
    lengthUsable = false;
  } else if (wireLength !== undefined && totalLength > onWire) {
    // As Wireshark does: the frame bounds the packet, so what it holds is read as the packet.
    const clamped = Math.max(onWire, headerLength);
    error = `IPv4 total length ${totalLength} exceeds the ${onWire} bytes on the wire; read as ${clamped}`;
    totalLength = clamped;
  }
  const fragmented = fragmentOffset > 0 || moreFragments;
  return {
    network: {
      version: 4,
      src: formatIpv4(data, start + 12),
      dst: formatIpv4(data, start + 16),
      protocol,
      ttl: byteAt(data, start + 8),
      payloadLength: totalLength - headerLength,
      ...(fragmented && { fragment: { id: u16(data, start + 4), offset: fragmentOffset, moreFragments } }),
    },
    payloadStart: start + headerLength,
    end: start + totalLength,
    ...(fragmented && { fragmentPayload: { start: start + headerLength, nextHeader: protocol } }),
    hasTransportHeader: fragmentOffset === 0 && lengthUsable,
    ...(error !== undefined && { error }),
  };
}
