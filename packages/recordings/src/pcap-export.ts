import { CaptureReader, filterPcap, WireError, writePcap, type CaptureRecord } from '@sockscope/wire';

/**
 * A stored capture as a pcap file. A pcap is given byte for byte (a record cut short at its
 * end left out, so the file stays whole); a pcapng's records become a pcap's, their bytes as
 * they are. Either way only what the file holds, up to where it stops being readable.
 */
export function pcapOf(bytes: Uint8Array, format: 'pcap' | 'pcapng'): Uint8Array {
  if (format === 'pcap') return filterPcap(bytes, () => true);
  const reader = new CaptureReader();
  const records: CaptureRecord[] = [];
  try {
    records.push(...reader.push(bytes));
    reader.end();
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
  }
  return writePcap(records);
}
