import { formatIpv6 } from './address.ts';
import { byteAt, u16 } from './bytes.ts';
import { IP_PROTOCOL, ipHeaderError, lengthOnWire } from './ip-layer.ts';
import type { IpDecoding } from './ip-layer.ts';
import { walkExtensionHeaders } from './ipv6-extension-headers.ts';

const HEADER_LENGTH = 40;

/** The IPv6 packet at `start`; see decodeIpv4 for `wireLength`. */
export function decodeIpv6(data: Uint8Array, start: number, wireLength: number | undefined): IpDecoding {
  const headerError = ipHeaderError(data, start, 6, HEADER_LENGTH);
  if (headerError !== undefined) return { error: headerError };

  const walk = walkExtensionHeaders(data, start + HEADER_LENGTH, byteAt(data, start + 6));
  const fragment = walk.fragment;
  const fragmentPayload = fragment && { start: walk.offset, nextHeader: walk.protocol };
  // A first fragment holds the datagram's own headers: walk them too, as for a whole packet.
  if (fragment?.offset === 0 && walk.error === undefined) Object.assign(walk, walkExtensionHeaders(data, walk.offset, walk.protocol), { fragment });
  const payloadLengthField = u16(data, start + 4);
  const onWire = lengthOnWire(data, start, wireLength);
  let error = walk.error;
  let end = start + HEADER_LENGTH + payloadLengthField;
  if (payloadLengthField === 0) {
    if (walk.jumboLength !== undefined) {
      end = start + HEADER_LENGTH + walk.jumboLength;
    } else if (walk.protocol === IP_PROTOCOL.TCP && onWire > HEADER_LENGTH) {
      // Newer Linux kernels send BIG TCP without the Hop-by-Hop jumbo header: the frame gives the length.
      end = start + onWire;
    } else {
      error ??= 'IPv6 payload length 0 without a Jumbo Payload option';
    }
  } else if (wireLength !== undefined && HEADER_LENGTH + payloadLengthField > onWire) {
    // Clamped to the frame, as Wireshark does (see decodeIpv4).
    const clamped = Math.max(onWire - HEADER_LENGTH, 0);
    error ??= `IPv6 payload length ${payloadLengthField} exceeds the ${onWire - HEADER_LENGTH} bytes on the wire; read as ${clamped}`;
    end = start + HEADER_LENGTH + clamped;
  }
  const headersFit = walk.offset <= end;
  if (!headersFit) error ??= `IPv6 extension headers run past the payload length ${end - start - HEADER_LENGTH}`;
  return {
    network: {
      version: 6,
      src: formatIpv6(data, start + 8),
      dst: formatIpv6(data, start + 24),
      protocol: walk.protocol,
      ttl: byteAt(data, start + 7),
      payloadLength: Math.max(end - walk.offset, 0),
      ...(walk.fragment && { fragment: walk.fragment }),
    },
    payloadStart: walk.offset,
    end,
    ...(fragmentPayload && { fragmentPayload }),
    hasTransportHeader: walk.error === undefined && headersFit && (walk.fragment?.offset ?? 0) === 0,
    ...(error !== undefined && { error }),
  };
}
