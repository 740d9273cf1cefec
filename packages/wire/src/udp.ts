import { u16 } from './bytes.ts';
import type { UdpDatagram } from './decoded-packet.ts';
import { transportHeaderMissing } from './header-truncated.ts';

const HEADER_LENGTH = 8;

/**
 * The UDP header at `start`; see decodeTcp for the lengths. A first fragment holds only part
 * of its datagram, so its UDP length may exceed the IP payload.
 */
export function decodeUdp(
  data: Uint8Array,
  start: number,
  capturedEnd: number,
  ipPayloadLength: number,
  firstFragment: boolean,
): { udp?: UdpDatagram; error?: string } {
  const missing = transportHeaderMissing('UDP', capturedEnd - start, ipPayloadLength, HEADER_LENGTH);
  if (missing !== undefined) return { error: missing };
  const length = u16(data, start + 4);
  // RFC 2675: a UDP jumbogram has length 0 and takes its length from the IP layer.
  const jumbo = length === 0 && ipPayloadLength > 0xffff;
  let datagramLength = jumbo ? ipPayloadLength : length;
  let error: string | undefined;
  if (datagramLength < HEADER_LENGTH) {
    error = `UDP length ${length} is below ${HEADER_LENGTH}`;
    datagramLength = Math.max(ipPayloadLength, HEADER_LENGTH);
  } else if (datagramLength > ipPayloadLength && !firstFragment) {
    error = `UDP length ${length} exceeds the ${ipPayloadLength}-byte IP payload`;
    datagramLength = Math.max(ipPayloadLength, HEADER_LENGTH);
  }
  const payloadLength = datagramLength - HEADER_LENGTH;
  const udp: UdpDatagram = {
    srcPort: u16(data, start),
    dstPort: u16(data, start + 2),
    length,
    payloadLength,
    payload: data.subarray(start + HEADER_LENGTH, Math.min(capturedEnd, start + HEADER_LENGTH + payloadLength)),
  };
  return error === undefined ? { udp } : { udp, error };
}
