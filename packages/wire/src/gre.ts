import { u16, u32 } from './bytes.ts';
import { innerByEthertype, tunnelTruncated, type TunnelHeader } from './tunnel-header.ts';

const CHECKSUM = 0x8000;
const ROUTING = 0x4000;
const KEY = 0x2000;
const SEQUENCE = 0x1000;
/** PPTP's enhanced GRE (RFC 2637) only. */
const ACKNOWLEDGMENT = 0x0080;
const ERSPAN_I_II = 0x88be;
const ERSPAN_III = 0x22eb;

/**
 * The GRE header at `start` (RFC 2784 and 2890; version 1 is PPTP's, RFC 2637), and ERSPAN
 * types I to III after it. Undefined for a payload it does not decode (e.g. MPLS, WCCP), which
 * leaves the packet at its outer IP layer, as any IP protocol sockscope does not decode.
 */
export function decodeGre(data: Uint8Array, start: number): TunnelHeader | undefined {
  if (data.length - start < 4) return tunnelTruncated('GRE', data.length - start, 4);
  const flags = u16(data, start);
  const protocol = u16(data, start + 2);
  const version = flags & 0x7;
  if (version > 1) return { error: `GRE version ${version} is not decoded` };
  if (version === 0 && (flags & ROUTING) !== 0) return { error: 'GRE with source routing (RFC 1701) is not decoded' };
  const has = (bit: number) => (flags & bit) !== 0;
  let length = 4 + (has(CHECKSUM) ? 4 : 0);
  const keyAt = start + length;
  length += (has(KEY) ? 4 : 0) + (has(SEQUENCE) ? 4 : 0) + (version === 1 && has(ACKNOWLEDGMENT) ? 4 : 0);
  if (data.length - start < length) return tunnelTruncated('GRE', data.length - start, length);
  const offset = start + length;
  // PPTP keeps the payload length in the key's upper half and the call id in its lower.
  const key = has(KEY) ? (version === 1 ? u16(data, keyAt + 2) : u32(data, keyAt)) : undefined;
  const gre = { kind: 'gre' as const, ...(key !== undefined && { key }) };
  if (protocol === ERSPAN_I_II) {
    // Type I has no header of its own, type II (with a sequence number) 8 bytes.
    if (!has(SEQUENCE)) return { tunnel: { kind: 'erspan' }, inner: 'ethernet', offset };
    if (data.length - offset < 8) return tunnelTruncated('ERSPAN type II', data.length - offset, 8);
    return { tunnel: { kind: 'erspan', session: u16(data, offset + 2) & 0x3ff }, inner: 'ethernet', offset: offset + 8 };
  }
  if (protocol === ERSPAN_III) return erspanIII(data, offset);
  const inner = innerByEthertype(protocol);
  if (inner === undefined || (inner === 'ppp') !== (version === 1)) return undefined;
  return { tunnel: gre, inner, offset };
}

/** ERSPAN type III: 12 bytes, 8 more with the platform-specific subheader (O bit). */
function erspanIII(data: Uint8Array, start: number): TunnelHeader | undefined {
  if (data.length - start < 12) return tunnelTruncated('ERSPAN type III', data.length - start, 12);
  const last = u16(data, start + 10);
  const length = 12 + ((last & 1) === 1 ? 8 : 0);
  if (data.length - start < length) return tunnelTruncated('ERSPAN type III', data.length - start, length);
  const frameType = (last >> 10) & 0x1f;
  // Frame type 0 is Ethernet, 2 IP (by its version nibble).
  const inner = frameType === 0 ? 'ethernet' : frameType === 2 ? 'by-version' : undefined;
  if (inner === undefined) return undefined;
  const session = u16(data, start + 2) & 0x3ff;
  return { tunnel: { kind: 'erspan', session }, inner, offset: start + length };
}
