export interface PayloadPreview {
  /** Printable ASCII as is, every other byte as `.`. */
  text: string;
  /** Lowercase hex, no separators. */
  hex: string;
  /** True when `bytes` held more than the preview shows. */
  truncated: boolean;
}

/** A short, display-safe view of the first `maxBytes` bytes of a payload. */
export function payloadPreview(bytes: Uint8Array, maxBytes = 64): PayloadPreview {
  const shown = bytes.subarray(0, Math.max(0, maxBytes));
  let text = '';
  let hex = '';
  for (const byte of shown) {
    text += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
    hex += byte.toString(16).padStart(2, '0');
  }
  return { text, hex, truncated: bytes.length > shown.length };
}
