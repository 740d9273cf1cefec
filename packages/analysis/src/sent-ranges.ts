/**
 * Sequence space one direction of a TCP connection has sent, as sorted, non-overlapping ranges
 * of relative sequence numbers, each owned by the segment that first sent it: what names the
 * segment a retransmission repeats. A binary search, not a scan: an imported capture may hold
 * hundreds of thousands of segments in one direction.
 * A connection that sends more than 4 GiB wraps its relative numbers; that is beyond this.
 */
export class SentRanges {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #ids: number[] = [];

  /** Index of the last range starting at or before `at`, or -1. */
  #before(at: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.#starts[middle] as number) <= at) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The segment that first sent sequence number `at`, if one did. */
  sender(at: number): number | undefined {
    const index = this.#before(at);
    return index >= 0 && at < (this.#ends[index] as number) ? this.#ids[index] : undefined;
  }

  /** Claims the part of [start, end) no earlier segment sent, up to the next range sent. */
  add(start: number, end: number, id: number): void {
    const index = this.#before(start);
    const from = index >= 0 ? Math.max(start, this.#ends[index] as number) : start;
    const next = this.#starts[index + 1];
    const to = next === undefined ? end : Math.min(end, next);
    if (from >= to) return;
    this.#starts.splice(index + 1, 0, from);
    this.#ends.splice(index + 1, 0, to);
    this.#ids.splice(index + 1, 0, id);
  }
}
