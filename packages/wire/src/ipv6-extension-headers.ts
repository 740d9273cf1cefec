import { byteAt, u16, u32 } from './bytes.ts';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const DESTINATION_OPTIONS = 60;
const HEADER_NAMES: Record<number, string> = {
  [HOP_BY_HOP]: 'Hop-by-Hop Options',
  [ROUTING]: 'Routing',
  [FRAGMENT]: 'Fragment',
  [AUTHENTICATION]: 'Authentication',
  [DESTINATION_OPTIONS]: 'Destination Options',
};
const PAD1 = 0;
const JUMBO_PAYLOAD = 0xc2;

export interface ExtensionHeaderWalk {
  /** The first protocol that is not an extension header (or the one that could not be read). */
  protocol: number;
  /** Frame offset just past the last extension header. */
  offset: number;
  /** RFC 2675 Jumbo Payload length, from a Hop-by-Hop option. */
  jumboLength?: number;
  fragment?: { id: number; offset: number; moreFragments: boolean };
  error?: string;
}

/**
 * Follows the extension header chain starting at `offset` with next header `nextHeader`. It
 * stops after a Fragment header: what follows belongs to the fragmented datagram, headers only
 * in its first fragment, so the caller decides whether to walk on.
 */
export function walkExtensionHeaders(data: Uint8Array, offset: number, nextHeader: number): ExtensionHeaderWalk {
  const walk: ExtensionHeaderWalk = { protocol: nextHeader, offset };
  for (let name = HEADER_NAMES[walk.protocol]; name !== undefined; name = HEADER_NAMES[walk.protocol]) {
    const at = walk.offset;
    const captured = data.length - at;
    if (captured < 2) return { ...walk, error: `IPv6 ${name} header truncated: ${Math.max(captured, 0)} of 2 bytes captured` };
    const length = headerLength(walk.protocol, byteAt(data, at + 1));
    if (captured < length) return { ...walk, error: `IPv6 ${name} header truncated: ${captured} of ${length} bytes captured` };
    if (walk.protocol === HOP_BY_HOP) {
      const options = readHopByHopOptions(data, at + 2, at + length);
      if (typeof options === 'string') return { ...walk, error: options };
      if (options !== undefined) walk.jumboLength = options;
    } else if (walk.protocol === FRAGMENT) {
      const field = u16(data, at + 2);
      walk.fragment = { id: u32(data, at + 4), offset: field & 0xfff8, moreFragments: (field & 1) === 1 };
      return { ...walk, protocol: byteAt(data, at), offset: at + length };
    }
    walk.protocol = byteAt(data, at);
    walk.offset = at + length;
  }
  return walk;
}

function headerLength(type: number, lengthField: number): number {
  if (type === FRAGMENT) return 8;
  // AH counts 4-byte units minus 2 (RFC 4302); the others count 8-byte units minus 1.
  if (type === AUTHENTICATION) return (lengthField + 2) * 4;
  return (lengthField + 1) * 8;
}

/** The Jumbo Payload length if present, or a description of what is malformed. */
function readHopByHopOptions(data: Uint8Array, start: number, end: number): number | string | undefined {
  let jumboLength: number | undefined;
  for (let at = start; at < end; ) {
    const type = byteAt(data, at);
    if (type === PAD1) {
      at += 1;
      continue;
    }
    const length = byteAt(data, at + 1);
    if (at + 2 > end || at + 2 + length > end) {
      return `IPv6 Hop-by-Hop option ${type} with length ${length} overruns its header`;
    }
    if (type === JUMBO_PAYLOAD) {
      if (length !== 4) return `IPv6 Jumbo Payload option has length ${length}, expected 4`;
      jumboLength = u32(data, at + 2);
    }
    at += 2 + length;
  }
  return jumboLength;
}
