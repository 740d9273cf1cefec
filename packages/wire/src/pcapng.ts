import type { ByteQueue } from './byte-queue.ts';
import { dataViewOf } from './bytes.ts';
import { MAX_CAPTURED_LENGTH } from './capture-record.ts';
import type { CaptureFormatParser, CaptureRecord } from './capture-record.ts';
import { readInterfaceDescription, timestampToMicros } from './pcapng-interface.ts';
import type { PcapngInterface } from './pcapng-interface.ts';
import { WireError } from './wire-error.ts';

const SECTION_HEADER_BLOCK = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION_BLOCK = 1;
const OBSOLETE_PACKET_BLOCK = 2;
const SIMPLE_PACKET_BLOCK = 3;
const ENHANCED_PACKET_BLOCK = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Type, total length and (in a section header) the byte-order magic. */
const BLOCK_PREFIX_LENGTH = 12;
/** Room for a maximal packet plus its block header and options. */
const MAX_BLOCK_LENGTH = MAX_CAPTURED_LENGTH + 64 * 1024;

export function isPcapngMagic(magic: Uint8Array): boolean {
  return dataViewOf(magic).getUint32(0, false) === SECTION_HEADER_BLOCK;
}

/** pcapng: a sequence of sections, each a section header followed by interfaces and packets. */
export class PcapngParser implements CaptureFormatParser {
  private littleEndian = false;
  private interfaces: PcapngInterface[] = [];
  /** Simple packet blocks carry no timestamp; they reuse the previous packet's time. */
  private lastTsUs = 0;

  next(queue: ByteQueue, packet: number): CaptureRecord | undefined {
    while (queue.available >= BLOCK_PREFIX_LENGTH) {
      const offset = queue.consumed;
      const prefix = dataViewOf(queue.peek(BLOCK_PREFIX_LENGTH));
      // The section header's type reads the same in both byte orders; its magic sets the order.
      const type = prefix.getUint32(0, this.littleEndian);
      if (type === SECTION_HEADER_BLOCK) this.littleEndian = sectionByteOrder(prefix, offset);
      const totalLength = prefix.getUint32(4, this.littleEndian);
      checkBlockLength(type, totalLength, offset);
      if (queue.available < totalLength) return undefined;
      const block = queue.take(totalLength);
      const view = dataViewOf(block);
      if (view.getUint32(totalLength - 4, this.littleEndian) !== totalLength) {
        throw new WireError('bad-block', `block at offset ${offset}: trailing length differs from ${totalLength}`, { offset });
      }
      const record = this.readBlock(type, block, offset, packet);
      if (record !== undefined) return record;
    }
    return undefined;
  }

  private readBlock(type: number, block: Uint8Array, offset: number, packet: number): CaptureRecord | undefined {
    switch (type) {
      case SECTION_HEADER_BLOCK:
        this.startSection(block, offset);
        return undefined;
      case INTERFACE_DESCRIPTION_BLOCK:
        this.interfaces.push(readInterfaceDescription(block, this.littleEndian, offset));
        return undefined;
      case ENHANCED_PACKET_BLOCK:
      case OBSOLETE_PACKET_BLOCK:
        return this.readTimestampedPacket(type, block, offset, packet);
      case SIMPLE_PACKET_BLOCK:
        return this.readSimplePacket(block, offset, packet);
      default:
        return undefined;
    }
  }

  private startSection(block: Uint8Array, offset: number): void {
    const major = dataViewOf(block).getUint16(12, this.littleEndian);
    if (major !== 1) {
      throw new WireError('bad-block', `section header at offset ${offset} has unsupported version ${major}`, { offset });
    }
    this.interfaces = [];
  }

  private readTimestampedPacket(type: number, block: Uint8Array, offset: number, packet: number): CaptureRecord {
    const view = dataViewOf(block);
    const le = this.littleEndian;
    const interfaceId = type === OBSOLETE_PACKET_BLOCK ? view.getUint16(8, le) : view.getUint32(8, le);
    const iface = this.interfaceAt(interfaceId, offset, packet);
    const capturedLength = view.getUint32(20, le);
    const dataStart = 28;
    if (capturedLength > MAX_CAPTURED_LENGTH || dataStart + capturedLength > block.length - 4) {
      throw new WireError(
        'bad-block',
        `packet ${packet} claims ${capturedLength} captured bytes but its block holds ${block.length - dataStart - 4}`,
        { offset, packet },
      );
    }
    const tsUs = timestampToMicros(view.getUint32(12, le), view.getUint32(16, le), iface);
    this.lastTsUs = tsUs;
    return {
      index: packet,
      offset,
      tsUs,
      linkType: iface.linkType,
      capturedLength,
      originalLength: view.getUint32(24, le),
      data: block.subarray(dataStart, dataStart + capturedLength),
    };
  }

  private readSimplePacket(block: Uint8Array, offset: number, packet: number): CaptureRecord {
    const iface = this.interfaceAt(0, offset, packet);
    const originalLength = dataViewOf(block).getUint32(8, this.littleEndian);
    const dataStart = 12;
    const room = block.length - dataStart - 4;
    const capturedLength = Math.min(originalLength, room, iface.snapLength === 0 ? room : iface.snapLength);
    return {
      index: packet,
      offset,
      tsUs: this.lastTsUs,
      linkType: iface.linkType,
      capturedLength,
      originalLength,
      data: block.subarray(dataStart, dataStart + capturedLength),
    };
  }

  private interfaceAt(id: number, offset: number, packet: number): PcapngInterface {
    const iface = this.interfaces[id];
    if (iface === undefined) {
      throw new WireError(
        'bad-block',
        `packet ${packet} refers to interface ${id}, but its section describes ${this.interfaces.length}`,
        { offset, packet },
      );
    }
    return iface;
  }
}

function sectionByteOrder(prefix: DataView, offset: number): boolean {
  if (prefix.getUint32(8, true) === BYTE_ORDER_MAGIC) return true;
  if (prefix.getUint32(8, false) === BYTE_ORDER_MAGIC) return false;
  throw new WireError('bad-block', `section header at offset ${offset} has no byte-order magic`, { offset });
}

/** Smallest legal total length per block type: header and trailer plus the fixed body. */
const MIN_BLOCK_LENGTH: Record<number, number> = {
  [SECTION_HEADER_BLOCK]: 28,
  [INTERFACE_DESCRIPTION_BLOCK]: 20,
  [OBSOLETE_PACKET_BLOCK]: 32,
  [SIMPLE_PACKET_BLOCK]: 16,
  [ENHANCED_PACKET_BLOCK]: 32,
};

function checkBlockLength(type: number, totalLength: number, offset: number): void {
  const minimum = MIN_BLOCK_LENGTH[type] ?? 12;
  if (totalLength < minimum || totalLength % 4 !== 0 || totalLength > MAX_BLOCK_LENGTH) {
    throw new WireError('bad-block', `block of type ${type} at offset ${offset} has bad length ${totalLength}`, { offset });
  }
}
