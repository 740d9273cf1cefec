import { byteAt, u16, u32 } from './bytes.ts';
import type { TcpFlagName, TcpSegment } from './decoded-packet.ts';
import { headerTruncated, transportHeaderMissing } from './header-truncated.ts';
import { decodeTcpOptions } from './tcp-options.ts';

const MIN_HEADER_LENGTH = 20;
/** Flag bits of header byte 13, in Wireshark's order; AE is bit 0 of byte 12. */
const FLAG_BITS: [TcpFlagName, number][] = [
  ['SYN', 0x02],
  ['FIN', 0x01],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
  ['ECE', 0x40],
  ['CWR', 0x80],
];

/**
 * Every flag combination's list, made once: an import keeps one per segment, and a million
 * copies of `["ACK"]` cost tens of megabytes. Frozen, as they are shared.
 */
const FLAG_LISTS: readonly TcpFlagName[][] = Array.from({ length: 512 }, (_, bits) => {
  const names = FLAG_BITS.filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name);
  if ((bits & 0x100) !== 0) names.push('AE');
  return Object.freeze(names) as TcpFlagName[];
});

/**
 * The TCP header at `start`. `capturedEnd` is where the captured bytes of the IP packet stop;
 * `ipPayloadLength` is the segment's length by the IP header.
 */
export function decodeTcp(
  data: Uint8Array,
  start: number,
  capturedEnd: number,
  ipPayloadLength: number,
): { tcp?: TcpSegment; error?: string } {
  const captured = capturedEnd - start;
  const missing = transportHeaderMissing('TCP', captured, ipPayloadLength, MIN_HEADER_LENGTH);
  if (missing !== undefined) return { error: missing };
  const headerLength = (byteAt(data, start + 12) >> 4) * 4;
  const flags = FLAG_LISTS[((byteAt(data, start + 12) & 0x01) << 8) | byteAt(data, start + 13)] as TcpFlagName[];
  const tcp: TcpSegment = {
    srcPort: u16(data, start),
    dstPort: u16(data, start + 2),
    seq: u32(data, start + 4),
    ack: u32(data, start + 8),
    flags,
    window: u16(data, start + 14),
    headerLength,
    options: {},
    payloadLength: 0,
    payload: data.subarray(capturedEnd, capturedEnd),
  };
  if (headerLength < MIN_HEADER_LENGTH) return { tcp, error: `TCP header length ${headerLength} is below ${MIN_HEADER_LENGTH}` };
  if (headerLength > ipPayloadLength) {
    return { tcp, error: `TCP header length ${headerLength} exceeds the ${ipPayloadLength}-byte IP payload` };
  }
  tcp.payloadLength = ipPayloadLength - headerLength;
  if (captured < headerLength) return { tcp, error: headerTruncated('TCP', captured, headerLength) };
  const { options, error } = decodeTcpOptions(data, start + MIN_HEADER_LENGTH, start + headerLength);
  tcp.options = options;
  tcp.payload = data.subarray(start + headerLength, capturedEnd);
  return error === undefined ? { tcp } : { tcp, error };
}
