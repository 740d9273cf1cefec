/**
 * Bytes pushed in arbitrary chunks, read front to back. Chunks are kept by reference, so
 * reading is linear in the input: a read that fits in one chunk is a zero-copy view, and only
 * reads that straddle chunks copy, each byte at most once.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index of the first chunk still holding unread bytes. */
  private head = 0;
  /** Unread bytes already consumed from `chunks[head]`. */
  private headOffset = 0;
  private unread = 0;
  private consumedTotal = 0;

  /** Bytes pushed but not yet consumed. */
  get available(): number {
    return this.unread;
  }

  /** Bytes consumed since the start: the file offset of the next unread byte. */
  get consumed(): number {
    return this.consumedTotal;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.unread += chunk.length;
  }

  /** The next `length` bytes without consuming them; the caller checks `available` first. */
  peek(length: number): Uint8Array {
    const first = this.chunks[this.head];
    if (first !== undefined && first.length - this.headOffset >= length) {
      return first.subarray(this.headOffset, this.headOffset + length);
    }
    const out = new Uint8Array(length);
    let filled = 0;
    let offset = this.headOffset;
    for (let i = this.head; filled < length && i < this.chunks.length; i++) {
      const chunk = this.chunks[i] as Uint8Array;
      const part = chunk.subarray(offset, offset + (length - filled));
      out.set(part, filled);
      filled += part.length;
      offset = 0;
    }
    return out;
  }

  /** The next `length` bytes, consumed. */
  take(length: number): Uint8Array {
    const bytes = this.peek(length);
    this.discard(length);
    return bytes;
  }

  discard(length: number): void {
    this.unread -= length;
    this.consumedTotal += length;
    let remaining = length;
    while (remaining > 0) {
      const chunk = this.chunks[this.head];
      if (chunk === undefined) break;
      const left = chunk.length - this.headOffset;
      if (remaining < left) {
        this.headOffset += remaining;
        return;
      }
      remaining -= left;
      this.head++;
      this.headOffset = 0;
    }
    this.dropConsumedChunks();
  }

  private dropConsumedChunks(): void {
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
      return;
    }
    // Compact rarely so that one-byte pushes into a large record stay linear.
    if (this.head > 64 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
