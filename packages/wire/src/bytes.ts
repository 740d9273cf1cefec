// Big-endian reads for packet headers. Callers check bounds first; a read past the end gives 0.
// Capture file headers, which may be little-endian, are read through dataViewOf instead.

export function u16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

export function u32(bytes: Uint8Array, offset: number): number {
  return ((u16(bytes, offset) << 16) | u16(bytes, offset + 2)) >>> 0;
}

export function byteAt(bytes: Uint8Array, offset: number): number {
  return bytes[offset] ?? 0;
}

export function dataViewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
