import { byteAt, u16 } from './bytes.ts';
import { byEthertype, headerTruncated, type LinkLayer } from './link-layer-result.ts';

const PPP_IPV4 = 0x21;
const PPP_IPV6 = 0x57;
const CHDLC_UNICAST = 0x0f;
const CHDLC_BROADCAST = 0x8f;
const CHDLC_HEADER_LENGTH = 4;

/**
 * A PPP frame (LINKTYPE_PPP, LINKTYPE_PPP_HDLC, or inside PPTP's GRE). A frame that starts with
 * Cisco HDLC's address (0x0f or 0x8f) is Cisco HDLC, as Wireshark and RFC 1547 section 4.3.1
 * have it: routers log Cisco HDLC links as PPP.
 */
export function ppp(data: Uint8Array, start = 0): LinkLayer {
  const first = byteAt(data, start);
  if (data.length > start && (first === CHDLC_UNICAST || first === CHDLC_BROADCAST)) return ciscoHdlc(data, start);
  // Address and control (ff 03) may be omitted, and the protocol compressed to one odd byte.
  const at = byteAt(data, start) === 0xff && byteAt(data, start + 1) === 0x03 ? start + 2 : start;
  if (data.length < at + 1) return headerTruncated('PPP', data, at + 1);
  const compressed = (byteAt(data, at) & 1) === 1;
  const end = at + (compressed ? 1 : 2);
  if (data.length < end) return headerTruncated('PPP', data, end);
  const protocol = compressed ? byteAt(data, at) : u16(data, at);
  // RFC 1661 2: the protocol's low byte is odd and its high byte even; anything else is not PPP.
  if ((protocol & 0x0101) !== 0x0001) return { error: `PPP protocol field 0x${protocol.toString(16).padStart(4, '0')} is not a PPP protocol` };
  const network = protocol === PPP_IPV4 ? 4 : protocol === PPP_IPV6 ? 6 : 'other';
  return { network, offset: end };
}

/** Cisco HDLC (LINKTYPE_C_HDLC): address, control, then an Ethernet type. */
export function ciscoHdlc(data: Uint8Array, start = 0): LinkLayer {
  if (data.length < start + CHDLC_HEADER_LENGTH) return headerTruncated('Cisco HDLC', data, start + CHDLC_HEADER_LENGTH);
  const address = byteAt(data, start);
  if (address !== CHDLC_UNICAST && address !== CHDLC_BROADCAST) {
    return { error: `Cisco HDLC address 0x${address.toString(16).padStart(2, '0')} is neither 0x0f nor 0x8f` };
  }
  return byEthertype(u16(data, start + 2), start + CHDLC_HEADER_LENGTH);
}
