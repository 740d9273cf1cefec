import type { ByteQueue } from './byte-queue.ts';

/** One packet as stored in a capture file. */
export interface CaptureRecord {
  /** 1-based packet number in the file, counted across pcapng sections and interfaces. */
  index: number;
  /** Byte offset in the file where the record (pcap) or its block (pcapng) starts. */
  offset: number;
  /** Microseconds since the Unix epoch; fractional for files finer than a microsecond. */
  tsUs: number;
  /** LINKTYPE_* value of the interface the packet was captured on. */
  linkType: number;
  capturedLength: number;
  /** Length of the packet on the wire; more than `capturedLength` when the snaplen cut it. */
  originalLength: number;
  /** The captured bytes; may share memory with the chunk that was pushed. */
  data: Uint8Array;
  /** What is wrong with the record itself (not its packet), e.g. an impossible timestamp. */
  error?: string;
}

/**
 * Larger captured lengths are treated as corruption rather than data: no link layer comes near
 * it, and trusting a garbage length would make the reader buffer the rest of the file.
 */
export const MAX_CAPTURED_LENGTH = 256 * 1024 * 1024;

/** Reads one file format's records from the front of a queue. */
export interface CaptureFormatParser {
  /**
   * The next record, or undefined once the queue holds no complete one; consumes what it
   * reads. `packet` is the number the next record gets. Throws WireError.
   */
  next(queue: ByteQueue, packet: number): CaptureRecord | undefined;
}
