// Test-only: builders for capture files and packets, byte by byte, so tests can state exact
// expectations. Nothing under src/ outside tests imports this file.

export type Bytes = Uint8Array | readonly number[];

export function concat(...parts: Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const be16 = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
export const be32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const le16 = (n: number): number[] => be16(n).reverse();
export const le32 = (n: number): number[] => be32(n).reverse();
const u16 = (n: number, littleEndian: boolean): number[] => (littleEndian ? le16(n) : be16(n));
const u32 = (n: number, littleEndian: boolean): number[] => (littleEndian ? le32(n) : be32(n));

export interface FixtureRecord {
  seconds: number;
  /** Microseconds or nanoseconds, by the file's magic. */
  fraction: number;
  data: Uint8Array;
  originalLength?: number;
}

export function pcapFile(
  options: { littleEndian?: boolean; nanoseconds?: boolean; linkType?: number; version?: [number, number] },
  records: FixtureRecord[],
): Uint8Array {
  const le = options.littleEndian ?? true;
  const [major, minor] = options.version ?? [2, 4];
  const header = [
    ...u32(options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, le),
    ...u16(major, le),
    ...u16(minor, le),
    ...u32(0, le),
    ...u32(0, le),
    ...u32(262144, le),
    ...u32(options.linkType ?? 1, le),
  ];
  const body = records.map((r) =>
    concat(u32(r.seconds, le), u32(r.fraction, le), u32(r.data.length, le), u32(r.originalLength ?? r.data.length, le), r.data),
  );
  return concat(header, ...body);
}

/** A pcapng block with its lengths and padding; `body` is everything after the length field. */
export function pcapngBlock(type: number, body: Bytes, littleEndian = true): Uint8Array {
  const padded = concat(body, new Array((4 - (body.length % 4)) % 4).fill(0));
  const total = padded.length + 12;
  return concat(u32(type, littleEndian), u32(total, littleEndian), padded, u32(total, littleEndian));
}

export function pcapngSectionHeader(littleEndian = true): Uint8Array {
  const sectionLength = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  return pcapngBlock(0x0a0d0d0a, [...u32(0x1a2b3c4d, littleEndian), ...u16(1, littleEndian), ...u16(0, littleEndian), ...sectionLength], littleEndian);
}

export function pcapngInterface(options: { linkType: number; tsresol?: number; snapLength?: number; littleEndian?: boolean }): Uint8Array {
  const le = options.littleEndian ?? true;
  const resolution = options.tsresol === undefined ? [] : [...u16(9, le), ...u16(1, le), options.tsresol, 0, 0, 0];
  const endOfOptions = resolution.length > 0 ? [...u16(0, le), ...u16(0, le)] : [];
  return pcapngBlock(1, [...u16(options.linkType, le), ...u16(0, le), ...u32(options.snapLength ?? 0, le), ...resolution, ...endOfOptions], le);
}

export function pcapngEnhancedPacket(options: {
  interfaceId?: number;
  timestamp: bigint;
  data: Uint8Array;
  originalLength?: number;
  littleEndian?: boolean;
  obsolete?: boolean;
}): Uint8Array {
  const le = options.littleEndian ?? true;
  const high = Number(options.timestamp >> 32n);
  const low = Number(options.timestamp & 0xffffffffn);
  const interfaceField = options.obsolete ? [...u16(options.interfaceId ?? 0, le), ...u16(0, le)] : u32(options.interfaceId ?? 0, le);
  const fields = [...interfaceField, ...u32(high, le), ...u32(low, le), ...u32(options.data.length, le)];
  const body = concat(fields, u32(options.originalLength ?? options.data.length, le), options.data);
  return pcapngBlock(options.obsolete ? 2 : 6, body, le);
}

export function pcapngSimplePacket(data: Uint8Array, originalLength = data.length, littleEndian = true): Uint8Array {
  return pcapngBlock(3, concat(u32(originalLength, littleEndian), data), littleEndian);
}

export function ethernet(ethertype: number, payload: Bytes, vlanIds: number[] = []): Uint8Array {
  const macs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const tags = vlanIds.flatMap((id, i) => [...be16(i === 0 && vlanIds.length > 1 ? 0x88a8 : 0x8100), ...be16(id)]);
  return concat(macs, tags, be16(ethertype), payload);
}

export function ipv4Address(text: string): number[] {
  return text.split('.').map(Number);
}

export function ipv6Address(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const groups = (part: string | undefined): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const middle = tail === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  return [...left, ...middle, ...right].flatMap(be16);
}

export function ipv4(options: {
  src: string;
  dst: string;
  protocol: number;
  payload: Bytes;
  ttl?: number;
  totalLength?: number;
  /** Flags and fragment offset field, raw. */
  fragmentField?: number;
  options?: number[];
}): Uint8Array {
  const ipOptions = options.options ?? [];
  const headerLength = 20 + ipOptions.length;
  const totalLength = options.totalLength ?? headerLength + options.payload.length;
  return concat(
    [0x40 | (headerLength / 4), 0, ...be16(totalLength), 0x12, 0x34, ...be16(options.fragmentField ?? 0x4000)],
    [options.ttl ?? 64, options.protocol, 0, 0, ...ipv4Address(options.src), ...ipv4Address(options.dst)],
    ipOptions,
    options.payload,
  );
}

export function ipv6(options: { src: string; dst: string; nextHeader: number; payload: Bytes; hopLimit?: number; payloadLength?: number }): Uint8Array {
  return concat(
    [0x60, 0, 0, 0, ...be16(options.payloadLength ?? options.payload.length), options.nextHeader, options.hopLimit ?? 64],
    ipv6Address(options.src),
    ipv6Address(options.dst),
    options.payload,
  );
}

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

export function tcpSegment(options: {
  srcPort: number;
  dstPort: number;
  seq?: number;
  ack?: number;
  flags: number;
  ae?: boolean;
  window?: number;
  /** Raw option bytes, padded here to a multiple of 4. */
  options?: number[];
  payload?: Bytes;
}): Uint8Array {
  const raw = options.options ?? [];
  const padded = [...raw, ...new Array((4 - (raw.length % 4)) % 4).fill(0)];
  const headerLength = 20 + padded.length;
  return concat(
    [...be16(options.srcPort), ...be16(options.dstPort), ...be32(options.seq ?? 0), ...be32(options.ack ?? 0)],
    [((headerLength / 4) << 4) | (options.ae ? 1 : 0), options.flags, ...be16(options.window ?? 65535), 0, 0, 0, 0],
    padded,
    options.payload ?? [],
  );
}

export function udpDatagram(options: { srcPort: number; dstPort: number; payload: Bytes; length?: number }): Uint8Array {
  const length = options.length ?? 8 + options.payload.length;
  return concat([...be16(options.srcPort), ...be16(options.dstPort), ...be16(length), 0, 0], options.payload);
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
