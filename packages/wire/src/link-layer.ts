import { u16, u32 } from './bytes.ts';
import { byEthertype, headerTruncated, type LinkLayer } from './link-layer-result.ts';
import { ciscoHdlc, ppp } from './serial-link.ts';

export type { LinkLayer } from './link-layer-result.ts';

/** The LINKTYPE_* values decodePacket understands. */
export const LINK_TYPES = {
  NULL: 0,
  ETHERNET: 1,
  PPP: 9,
  /** PPP in HDLC-like framing (RFC 1662), or Cisco HDLC framing; NetBSD's DLT_PPP_SERIAL. */
  PPP_HDLC: 50,
  C_HDLC: 104,
  /** 12 and 14 are older numbers for raw IP, still found in files from some systems. */
  RAW: 101,
  RAW_12: 12,
  RAW_14: 14,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const VLAN_TAG_TYPES = new Set([0x8100, 0x88a8, 0x9100]);
/** BSD loopback address families for IPv6 differ by OS: NetBSD/OpenBSD 24, FreeBSD 28, macOS 30. */
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30]);

export function unwrapLinkLayer(linkType: number, data: Uint8Array): LinkLayer {
  switch (linkType) {
    case LINK_TYPES.ETHERNET:
      return ethernet(data);
    case LINK_TYPES.NULL:
      return bsdLoopback(data);
    case LINK_TYPES.PPP:
    case LINK_TYPES.PPP_HDLC:
      return ppp(data);
    case LINK_TYPES.C_HDLC:
      return ciscoHdlc(data);
    case LINK_TYPES.RAW:
    case LINK_TYPES.RAW_12:
    case LINK_TYPES.RAW_14:
      return { network: 'by-version', offset: 0 };
    case LINK_TYPES.IPV4:
      return { network: 4, offset: 0 };
    case LINK_TYPES.IPV6:
      return { network: 6, offset: 0 };
    case LINK_TYPES.LINUX_SLL:
      return data.length < 16 ? headerTruncated('Linux cooked (SLL)', data, 16) : byEthertype(u16(data, 14), 16);
    case LINK_TYPES.LINUX_SLL2:
      return data.length < 20 ? headerTruncated('Linux cooked (SLL2)', data, 20) : byEthertype(u16(data, 0), 20);
    default:
      return { error: `unsupported link type ${linkType}` };
  }
}

export function ethernet(data: Uint8Array): LinkLayer {
  let typeAt = 12;
  if (data.length < typeAt + 2) return headerTruncated('Ethernet', data, typeAt + 2);
  while (VLAN_TAG_TYPES.has(u16(data, typeAt))) {
    typeAt += 4;
    if (data.length < typeAt + 2) return headerTruncated('Ethernet VLAN', data, typeAt + 2);
  }
  return byEthertype(u16(data, typeAt), typeAt + 2);
}

function bsdLoopback(data: Uint8Array): LinkLayer {
  if (data.length < 4) return headerTruncated('BSD loopback', data, 4);
  // The family is in the capturing host's byte order; like libpcap, assume a family never
  // needs more than 16 bits, so a big value means the other order.
  const bigEndian = u32(data, 0);
  const littleEndian = u32(data.slice(0, 4).reverse(), 0);
  const family = littleEndian > 0xffff ? bigEndian : littleEndian;
  const network = family === AF_INET ? 4 : AF_INET6.has(family) ? 6 : 'other';
  return { network, offset: 4 };
}
