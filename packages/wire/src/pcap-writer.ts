import { dataViewOf } from './bytes.ts';
import type { CaptureRecord } from './capture-record.ts';
import { isPcapMagic } from './pcap.ts';
import { WireError } from './wire-error.ts';

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const DEFAULT_SNAPLEN = 262144;

/**
 * A classic pcap file without the records `keep` refuses (by 1-based packet number): the file
 * header and every kept record stay byte for byte. A record cut short at the end (a capture
 * stopped mid-write) is left out, so the result is always a whole file.
 */
export function filterPcap(file: Uint8Array, keep: (packet: number) => boolean): Uint8Array {
  if (file.length < FILE_HEADER_LENGTH || !isPcapMagic(file.subarray(0, 4))) {
    throw new WireError('bad-magic', 'not a classic pcap file', { offset: 0 });
  }
  const view = dataViewOf(file);
  const magic = view.getUint32(0, true);
  const littleEndian = magic === MAGIC_MICROSECONDS || magic === 0xa1b23c4d;
  const spans: [number, number][] = [[0, FILE_HEADER_LENGTH]];
  let offset = FILE_HEADER_LENGTH;
  for (let packet = 1; offset + RECORD_HEADER_LENGTH <= file.length; packet += 1) {
    const end = offset + RECORD_HEADER_LENGTH + view.getUint32(offset + 8, littleEndian);
    if (end > file.length) break;
    if (keep(packet)) {
      const last = spans.at(-1) as [number, number];
      if (last[1] === offset) last[1] = end;
      else spans.push([offset, end]);
    }
    offset = end;
  }
  const out = new Uint8Array(spans.reduce((sum, [start, end]) => sum + end - start, 0));
  let at = 0;
  for (const [start, end] of spans) {
    out.set(file.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

/**
 * A classic pcap file (little-endian, microseconds) of the given records, their bytes as they
 * are: how a pcapng capture becomes a pcap. A pcap file has one link type, so records of
 * several are refused.
 */
export function writePcap(records: readonly CaptureRecord[]): Uint8Array {
  const linkType = records[0]?.linkType ?? 1;
  const other = records.find((record) => record.linkType !== linkType);
  if (other) {
    throw new WireError('unsupported-link',
      `packet ${other.index} has link type ${other.linkType} and packet 1 has ${linkType}: a pcap file holds one link type`,
      { packet: other.index, offset: other.offset });
  }
  const size = records.reduce((sum, record) => sum + RECORD_HEADER_LENGTH + record.data.length, FILE_HEADER_LENGTH);
  const out = new Uint8Array(size);
  const view = dataViewOf(out);
  view.setUint32(0, MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, records.reduce((most, record) => Math.max(most, record.data.length), DEFAULT_SNAPLEN), true);
  view.setUint32(20, linkType, true);
  let at = FILE_HEADER_LENGTH;
  for (const record of records) {
    const micros = Math.round(record.tsUs);
    const seconds = Math.floor(micros / 1e6);
    view.setUint32(at, seconds, true);
    view.setUint32(at + 4, micros - seconds * 1e6, true);
    view.setUint32(at + 8, record.data.length, true);
    view.setUint32(at + 12, record.originalLength, true);
    out.set(record.data, at + RECORD_HEADER_LENGTH);
    at += RECORD_HEADER_LENGTH + record.data.length;
  }
  return out;
}
