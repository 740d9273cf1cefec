import { ByteQueue } from './byte-queue.ts';
import type { CaptureFormatParser, CaptureRecord } from './capture-record.ts';
import { isPcapMagic, PcapParser } from './pcap.ts';
import { isPcapngMagic, PcapngParser } from './pcapng.ts';
import { WireError } from './wire-error.ts';

const MAGIC_LENGTH = 4;

/**
 * Reads a pcap or pcapng file fed in chunks of any size, e.g. straight from a stream:
 * each push returns the records completed so far. When a chunk holds good records and then
 * bad framing, the push returns those records and the next call throws the problem, so
 * nothing readable is lost before the file breaks.
 */
export class CaptureReader {
  private readonly queue = new ByteQueue();
  private parser: CaptureFormatParser | undefined;
  private nextPacket = 1;
  /** Once the file is known to be bad, every later call reports the same problem. */
  private failure: WireError | undefined;

  push(chunk: Uint8Array): CaptureRecord[] {
    if (this.failure !== undefined) throw this.failure;
    this.queue.push(chunk);
    try {
      return this.drain();
    } catch (error) {
      if (error instanceof WireError) this.failure = error;
      throw error;
    }
  }

  /** Call after the last chunk: throws WireError('truncated') if the file stopped mid-record. */
  end(): void {
    if (this.failure !== undefined) throw this.failure;
    const left = this.queue.available;
    if (this.parser !== undefined && left === 0) return;
    const offset = this.queue.consumed;
    const message =
      offset + left === 0
        ? 'capture is empty'
        : offset === 0
          ? `capture ends inside its file header, after ${left} bytes`
          : `capture ends mid-record: the ${left} bytes from offset ${offset} are not a whole record`;
    throw new WireError('truncated', message, { offset, packet: this.nextPacket });
  }

  private drain(): CaptureRecord[] {
    if (this.parser === undefined) {
      if (this.queue.available < MAGIC_LENGTH) return [];
      this.parser = parserFor(this.queue.peek(MAGIC_LENGTH));
    }
    const records: CaptureRecord[] = [];
    for (;;) {
      let record: CaptureRecord | undefined;
      try {
        record = this.parser.next(this.queue, this.nextPacket);
      } catch (error) {
        if (!(error instanceof WireError) || records.length === 0) throw error;
        this.failure = error;
        return records;
      }
      if (record === undefined) return records;
      records.push(record);
      this.nextPacket++;
    }
  }
}

function parserFor(magic: Uint8Array): CaptureFormatParser {
  if (isPcapMagic(magic)) return new PcapParser();
  if (isPcapngMagic(magic)) return new PcapngParser();
  const hex = Array.from(magic, (byte) => byte.toString(16).padStart(2, '0')).join('');
  throw new WireError('bad-magic', `not a pcap or pcapng file: it starts with 0x${hex}`, { offset: 0 });
}

/** Every record of a whole capture file held in memory. */
export function readCapture(bytes: Uint8Array): CaptureRecord[] {
  const reader = new CaptureReader();
  const records = reader.push(bytes);
  reader.end();
  return records;
}
