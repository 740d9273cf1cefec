import { u16 } from './bytes.ts';

/**
 * Names made recently, shared: a capture repeats a few addresses and endpoints in every packet,
 * and an import keeps each event's strings, so one string per name instead of one per packet.
 * Bounded: a capture of countless addresses starts the table again rather than growing it.
 */
class NameTable<K> {
  readonly #names = new Map<K, string>();

  constructor(private readonly limit: number) {}

  get(key: K, make: () => string): string {
    let name = this.#names.get(key);
    if (name === undefined) {
      if (this.#names.size >= this.limit) this.#names.clear();
      name = make();
      this.#names.set(key, name);
    }
    return name;
  }
}

const ipv4Names = new NameTable<number>(4096);
/** Per address, the names of its endpoints by port (a key string per packet would cost what it saves). */
const endpointsByAddress = new Map<string, NameTable<number>>();

/** Dotted quad of the 4 bytes at `offset`. */
export function formatIpv4(bytes: Uint8Array, offset: number): string {
  const a = bytes[offset] ?? 0, b = bytes[offset + 1] ?? 0, c = bytes[offset + 2] ?? 0, d = bytes[offset + 3] ?? 0;
  return ipv4Names.get(((a << 24) | (b << 16) | (c << 8) | d) >>> 0, () => `${a}.${b}.${c}.${d}`);
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
  let ports = endpointsByAddress.get(address);
  if (ports === undefined) {
    if (endpointsByAddress.size >= 4096) endpointsByAddress.clear();
    ports = new NameTable<number>(4096);
    endpointsByAddress.set(address, ports);
  }
  return ports.get(port, () => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`));
}
