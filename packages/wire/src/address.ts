import { u16 } from './bytes.ts';

/** Dotted quad of the 4 bytes at `offset`. */
export function formatIpv4(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 4)).join('.');
}

/**
 * The 16 bytes at `offset` as tcpdump prints them (RFC 5952, like inet_ntop): lowercase, the
 * longest run of two or more zero groups as `::` (the first if tied), and IPv4-mapped or
 * IPv4-compatible addresses with a dotted tail.
 */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  const groups = Array.from({ length: 8 }, (_, i) => u16(bytes, offset + i * 2));
  const run = longestZeroRun(groups);
  const ipv4Tail =
    run.start === 0 && (run.length === 6 || (run.length === 5 && groups[5] === 0xffff));
  const shown = ipv4Tail ? groups.slice(0, 6) : groups;
  const hex = shown.map((group) => group.toString(16));
  const tail = ipv4Tail ? [formatIpv4(bytes, offset + 12)] : [];
  if (run.length < 2) return [...hex, ...tail].join(':');
  const before = hex.slice(0, run.start).join(':');
  const after = [...hex.slice(run.start + run.length), ...tail].join(':');
  return `${before}::${after}`;
}

function longestZeroRun(groups: number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  groups.forEach((group, i) => {
    if (group !== 0) {
      start = -1;
      return;
    }
    if (start < 0) start = i;
    const length = i - start + 1;
    if (length > best.length) best = { start, length };
  });
  return best;
}

/** `127.0.0.1:80`, or `[::1]:80` for IPv6. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
