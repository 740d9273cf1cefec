import type { ByteQueue } from './byte-queue.ts';
import { dataViewOf } from './bytes.ts';
import { MAX_CAPTURED_LENGTH } from './capture-record.ts';
import type { CaptureFormatParser, CaptureRecord } from './capture-record.ts';
import { WireError } from './wire-error.ts';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
/** The upper bits of the link-type field carry FCS information, not the link type. */
const LINK_TYPE_MASK = 0xffff;

export function isPcapMagic(magic: Uint8Array): boolean {
  const view = dataViewOf(magic);
  return [view.getUint32(0, false), view.getUint32(0, true)].some(
    (value) => value === MAGIC_MICROSECONDS || value === MAGIC_NANOSECONDS,
  );
}

interface PcapFileHeader {
  littleEndian: boolean;
  nanoseconds: boolean;
  linkType: number;
}

function readFileHeader(bytes: Uint8Array): PcapFileHeader {
  const view = dataViewOf(bytes);
  const bigEndianMagic = view.getUint32(0, false);
  const littleEndian = bigEndianMagic !== MAGIC_MICROSECONDS && bigEndianMagic !== MAGIC_NANOSECONDS;
  const problem = versionProblem(view.getUint16(4, littleEndian), view.getUint16(6, littleEndian));
  if (problem !== undefined) throw new WireError('bad-version', problem, { offset: 4 });
  return {
    littleEndian,
    nanoseconds: view.getUint32(0, littleEndian) === MAGIC_NANOSECONDS,
    linkType: view.getUint32(20, littleEndian) & LINK_TYPE_MASK,
  };
}

/**
 * libpcap's own rule (sf-pcap.c): a major version below 2 is archaic; otherwise only 2.0 to 2.4
 * are read, and 543.0, which DG/UX's tcpdump wrote. Every file written since 1998 says 2.4.
 */
function versionProblem(major: number, minor: number): string | undefined {
  if (major < 2) return `archaic pcap file format: version ${major}.${minor} (libpcap reads 2.0 to 2.4)`;
  if ((major === 2 && minor <= 4) || (major === 543 && minor === 0)) return undefined;
  return `unsupported pcap file version ${major}.${minor} (libpcap reads 2.0 to 2.4)`;
}

/** Classic libpcap files: a 24-byte header, then records of a 16-byte header and the bytes. */
export class PcapParser implements CaptureFormatParser {
  private header: PcapFileHeader | undefined;

  next(queue: ByteQueue, packet: number): CaptureRecord | undefined {
    if (this.header === undefined) {
      if (queue.available < FILE_HEADER_LENGTH) return undefined;
      this.header = readFileHeader(queue.take(FILE_HEADER_LENGTH));
    }
    if (queue.available < RECORD_HEADER_LENGTH) return undefined;
    const offset = queue.consumed;
    const { littleEndian, nanoseconds, linkType } = this.header;
    const view = dataViewOf(queue.peek(RECORD_HEADER_LENGTH));
    const capturedLength = view.getUint32(8, littleEndian);
    if (capturedLength > MAX_CAPTURED_LENGTH) {
      throw new WireError(
        'bad-block',
        `packet ${packet} claims ${capturedLength} captured bytes, more than the ${MAX_CAPTURED_LENGTH}-byte limit`,
        { offset, packet },
      );
    }
    if (queue.available < RECORD_HEADER_LENGTH + capturedLength) return undefined;
    const seconds = view.getUint32(0, littleEndian);
    const fraction = view.getUint32(4, littleEndian);
    const originalLength = view.getUint32(12, littleEndian);
    queue.discard(RECORD_HEADER_LENGTH);
    const record: CaptureRecord = {
      index: packet,
      offset,
      tsUs: nanoseconds ? seconds * 1e6 + fraction / 1000 : seconds * 1e6 + fraction,
      linkType,
      capturedLength,
      originalLength,
      data: queue.take(capturedLength),
    };
    const unitsPerSecond = nanoseconds ? 1e9 : 1e6;
    if (fraction >= unitsPerSecond) {
      record.error = `timestamp fraction ${fraction} ${nanoseconds ? 'ns' : 'µs'} is not below one second`;
    }
    return record;
  }
}
