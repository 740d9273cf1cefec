import { byteAt, u16, u32 } from './bytes.ts';
import { innerByEthertype, tunnelTruncated, type TunnelHeader } from './tunnel-header.ts';

/** IANA's ports for the tunnels carried over UDP. */
export const TUNNEL_PORTS = { VXLAN: 4789, GENEVE: 6081, GTP_U: 2152 } as const;

const HEADER_LENGTH = 8;
const GTP_G_PDU = 0xff;

/** The decoders below, by their port (function declarations, so they exist already). */
const DECODER_BY_PORT = new Map<number, (data: Uint8Array) => TunnelHeader | undefined>([
  [TUNNEL_PORTS.VXLAN, vxlan],
  [TUNNEL_PORTS.GENEVE, geneve],
  [TUNNEL_PORTS.GTP_U, gtpU],
]);

/**
 * The tunnel header in a UDP payload, chosen by port as Wireshark does (the lower port first),
 * or undefined when neither port is a tunnel's or the header says it carries no packet (e.g. a
 * GTP-U echo).
 */
export function decodeUdpTunnel(srcPort: number, dstPort: number, data: Uint8Array): TunnelHeader | undefined {
  for (const port of srcPort <= dstPort ? [srcPort, dstPort] : [dstPort, srcPort]) {
    const decode = DECODER_BY_PORT.get(port);
    if (decode) return decode(data);
  }
  return undefined;
}

/** RFC 7348: flags, reserved, a 24-bit VNI, reserved; then an Ethernet frame. */
function vxlan(data: Uint8Array): TunnelHeader {
  if (data.length < HEADER_LENGTH) return tunnelTruncated('VXLAN', data.length, HEADER_LENGTH);
  return { tunnel: { kind: 'vxlan', vni: u32(data, 4) >>> 8 }, inner: 'ethernet', offset: HEADER_LENGTH };
}

/** RFC 8926: 8 bytes, then options (a length in 4-byte words), then what the protocol type names. */
function geneve(data: Uint8Array): TunnelHeader | undefined {
  if (data.length < HEADER_LENGTH) return tunnelTruncated('Geneve', data.length, HEADER_LENGTH);
  const version = byteAt(data, 0) >> 6;
  if (version !== 0) return { error: `Geneve version ${version} is not decoded` };
  const length = HEADER_LENGTH + (byteAt(data, 0) & 0x3f) * 4;
  if (data.length < length) return tunnelTruncated('Geneve', data.length, length);
  const inner = innerByEthertype(u16(data, 2));
  if (inner === undefined || inner === 'ppp') return undefined;
  return { tunnel: { kind: 'geneve', vni: u32(data, 4) >>> 8 }, inner, offset: length };
}

/**
 * 3GPP TS 29.281: version 1, 8 bytes, 4 more when any of E, S, PN is set, then the extension
 * headers the E bit chains (each a length in 4-byte words, its content, the next type). Only a
 * G-PDU carries a packet.
 */
function gtpU(data: Uint8Array): TunnelHeader | undefined {
  if (data.length < HEADER_LENGTH) return tunnelTruncated('GTP-U', data.length, HEADER_LENGTH);
  const flags = byteAt(data, 0);
  const version = flags >> 5;
  if (version !== 1 || (flags & 0x10) === 0) return { error: `GTP header has version ${version}${(flags & 0x10) === 0 ? " and is GTP' (charging)" : ''}, not GTP-U version 1` };
  if (byteAt(data, 1) !== GTP_G_PDU) return undefined;
  const tunnel = { kind: 'gtp-u' as const, teid: u32(data, 4) };
  if ((flags & 0x07) === 0) return { tunnel, inner: 'by-version', offset: HEADER_LENGTH };
  let offset = HEADER_LENGTH + 4;
  if (data.length < offset) return tunnelTruncated('GTP-U', data.length, offset);
  let next = (flags & 0x04) === 0 ? 0 : byteAt(data, offset - 1);
  while (next !== 0) {
    const length = byteAt(data, offset) * 4;
    if (length === 0) return { error: `GTP-U extension header 0x${next.toString(16)} has length 0` };
    if (data.length < offset + length) return tunnelTruncated('GTP-U extension', data.length - offset, length);
    next = byteAt(data, offset + length - 1);
    offset += length;
  }
  return { tunnel, inner: 'by-version', offset };
}
