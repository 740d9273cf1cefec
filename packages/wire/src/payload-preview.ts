export interface PayloadPreview {
  /** Printable ASCII as is, every other byte as `.`. */
  text: string;
  /** Lowercase hex, no separators. */
  hex: string;
  /** True when `bytes` held more than the preview shows. */
  truncated: boolean;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const DOT = 0x2e;
/** Only printable ASCII reaches it, which every single-byte decoding reads the same. */
const ASCII = new TextDecoder('latin1');

/**
 * A short, display-safe view of the first `maxBytes` bytes of a payload. Built from arrays in
 * one go rather than by `+=`: an import keeps hundreds of thousands of these, and appended
 * strings stay chains of pieces that cost the garbage collector seconds.
 */
export function payloadPreview(bytes: Uint8Array, maxBytes = 64): PayloadPreview {
  const shown = bytes.subarray(0, Math.max(0, maxBytes));
  const codes = new Uint8Array(shown.length);
  const hex = new Array<string>(shown.length);
  for (let i = 0; i < shown.length; i++) {
    const byte = shown[i] as number;
    codes[i] = byte >= 0x20 && byte <= 0x7e ? byte : DOT;
    hex[i] = HEX[byte] as string;
  }
  return { text: ASCII.decode(codes), hex: hex.join(''), truncated: bytes.length > shown.length };
}
