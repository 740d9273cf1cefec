import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from './capture-reader.ts';
import { filterPcap, writePcap } from './pcap-writer.ts';
import { concat, pcapFile, pcapngEnhancedPacket, pcapngInterface, pcapngSectionHeader } from './test-fixtures.ts';
import { TEST_CAPTURES as CAPTURES } from './test-captures.ts';

const packet = (n: number) => Uint8Array.from({ length: 40 + n }, (_, i) => (i * n) & 0xff);
const records = [1, 2, 3, 4].map((n) => ({ seconds: 1_700_000_000 + n, fraction: n * 1000, data: packet(n) }));

function tcpdumpLines(bytes: Uint8Array): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sockscope-wire-')), 'capture');
  writeFileSync(file, bytes);
  return execFileSync('tcpdump', ['-nn', '-tt', '-r', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
}

describe('filterPcap', () => {
  it('leaves out the refused records and keeps the header and every other record byte for byte', () => {
    for (const littleEndian of [true, false]) {
      const file = pcapFile({ littleEndian }, records);
      const kept = filterPcap(file, (n) => n !== 2 && n !== 4);
      expect(kept).toEqual(pcapFile({ littleEndian }, [records[0]!, records[2]!]));
      expect(filterPcap(file, () => true)).toEqual(file);
    }
  });

  it('drops a last record cut short, so the file stays whole', () => {
    const file = pcapFile({}, records);
    expect(filterPcap(file.subarray(0, file.length - 3), () => true)).toEqual(pcapFile({}, records.slice(0, 3)));
    expect(filterPcap(file.subarray(0, 30), () => true)).toEqual(file.subarray(0, 24));
  });

  it('refuses what is not a classic pcap file', () => {
    expect(() => filterPcap(pcapngSectionHeader(), () => true)).toThrow('not a classic pcap file');
  });
});

describe('writePcap', () => {
  it('writes records that read back the same', () => {
    const original = readCapture(pcapFile({}, records));
    const again = readCapture(writePcap(original));
    expect(again.map(({ offset: _o, ...rest }) => rest)).toEqual(original.map(({ offset: _o, ...rest }) => rest));
  });

  it('turns a real pcapng capture into a pcap that tcpdump reads the same', () => {
    const pcapng = new Uint8Array(readFileSync(`${CAPTURES}dhcp-option-108.pcapng`));
    expect(tcpdumpLines(writePcap(readCapture(pcapng)))).toEqual(tcpdumpLines(pcapng));
  });

  it('refuses records of two link types, naming the packet', () => {
    const mixed = concat(
      pcapngSectionHeader(), pcapngInterface({ linkType: 1 }), pcapngInterface({ linkType: 101 }),
      pcapngEnhancedPacket({ timestamp: 1n, data: packet(1) }), pcapngEnhancedPacket({ interfaceId: 1, timestamp: 2n, data: packet(2) }),
    );
    expect(() => writePcap(readCapture(mixed))).toThrow('packet 2 has link type 101 and packet 1 has 1: a pcap file holds one link type');
  });
});
