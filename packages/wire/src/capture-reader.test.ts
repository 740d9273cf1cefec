import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureReader, readCapture } from './capture-reader.ts';
import { TEST_CAPTURES } from './test-captures.ts';
import type { CaptureRecord } from './capture-record.ts';
import {
  concat, ethernet, ipv4, pcapFile, pcapngBlock, pcapngEnhancedPacket, pcapngInterface, pcapngSectionHeader,
  pcapngSimplePacket, tcpSegment, TCP,
} from './test-fixtures.ts';
import { WireError } from './wire-error.ts';

const SYN = ethernet(0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: tcpSegment({ srcPort: 40000, dstPort: 80, flags: TCP.SYN }) }));
const OTHER = Uint8Array.from({ length: 60 }, (_, i) => i);

function pushInChunks(file: Uint8Array, size: number): CaptureRecord[] {
  const reader = new CaptureReader();
  const records: CaptureRecord[] = [];
  for (let at = 0; at < file.length; at += size) records.push(...reader.push(file.subarray(at, at + size)));
  reader.end();
  return records;
}

function wireError(action: () => unknown): WireError {
  try {
    action();
  } catch (error) {
    if (error instanceof WireError) return error;
    throw error;
  }
  throw new Error('expected a WireError');
}

describe('pcap', () => {
  const records = [
    { seconds: 1_700_000_000, fraction: 123_456, data: SYN },
    { seconds: 1_700_000_001, fraction: 999_999, data: OTHER.subarray(0, 40), originalLength: 60 },
  ];

  it('reads a little-endian microsecond file', () => {
    expect(readCapture(pcapFile({ littleEndian: true }, records))).toEqual([
      { index: 1, offset: 24, tsUs: 1_700_000_000_123_456, linkType: 1, capturedLength: SYN.length, originalLength: SYN.length, data: SYN },
      { index: 2, offset: 24 + 16 + SYN.length, tsUs: 1_700_000_001_999_999, linkType: 1, capturedLength: 40, originalLength: 60, data: OTHER.subarray(0, 40) },
    ]);
  });

  it('reads a big-endian file the same way', () => {
    expect(readCapture(pcapFile({ littleEndian: false }, records))).toEqual(readCapture(pcapFile({ littleEndian: true }, records)));
  });

  it('keeps nanoseconds as a fractional microsecond', () => {
    const file = pcapFile({ nanoseconds: true, linkType: 101 }, [{ seconds: 1, fraction: 123_456_789, data: OTHER }]);
    const [record] = readCapture(file);
    expect(record?.tsUs).toBeCloseTo(1_123_456.789, 6);
    expect(record?.linkType).toBe(101);
    expect(readCapture(pcapFile({ nanoseconds: true, littleEndian: false }, [{ seconds: 1, fraction: 5, data: OTHER }]))[0]?.tsUs).toBe(1_000_000.005);
  });

  it('flags an impossible timestamp fraction but still reads the record', () => {
    const [record] = readCapture(pcapFile({}, [{ seconds: 1, fraction: 1_000_000, data: OTHER }]));
    expect(record).toMatchObject({ tsUs: 2_000_000, error: 'timestamp fraction 1000000 µs is not below one second' });
  });

  it('ignores the FCS bits above the link type', () => {
    const file = pcapFile({ linkType: 0x1000_00e5 }, [{ seconds: 0, fraction: 0, data: OTHER }]);
    expect(readCapture(file)[0]?.linkType).toBe(229);
  });

  it('throws truncated, with the packet and offset, when the last record is cut', () => {
    const file = pcapFile({}, records);
    const reader = new CaptureReader();
    expect(reader.push(file.subarray(0, file.length - 1))).toHaveLength(1);
    const error = wireError(() => reader.end());
    expect(error).toMatchObject({ code: 'truncated', packet: 2, offset: 24 + 16 + SYN.length });
    expect(wireError(() => readCapture(file.subarray(0, 30))).code).toBe('truncated');
    expect(wireError(() => readCapture(new Uint8Array())).code).toBe('truncated');
  });

  it('rejects a file that is neither pcap nor pcapng', () => {
    const error = wireError(() => new CaptureReader().push(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1])));
    expect(error).toMatchObject({ code: 'bad-magic', offset: 0, message: 'not a pcap or pcapng file: it starts with 0x7f454c46' });
  });

  it('refuses a pcap version libpcap refuses, and reads the ones it reads (sf-pcap.c)', () => {
    const refused = (major: number, minor: number, littleEndian = true) =>
      wireError(() => readCapture(pcapFile({ version: [major, minor], littleEndian }, [{ seconds: 0, fraction: 0, data: SYN }])));
    expect(refused(0, 0)).toMatchObject({ code: 'bad-version', offset: 4, message: 'archaic pcap file format: version 0.0 (libpcap reads 2.0 to 2.4)' });
    expect(refused(1, 4, false).message).toBe('archaic pcap file format: version 1.4 (libpcap reads 2.0 to 2.4)');
    expect(refused(2, 5).message).toBe('unsupported pcap file version 2.5 (libpcap reads 2.0 to 2.4)');
    expect(refused(3, 0).message).toBe('unsupported pcap file version 3.0 (libpcap reads 2.0 to 2.4)');
    for (const version of [[2, 0], [2, 3], [543, 0]] as [number, number][]) {
      expect(readCapture(pcapFile({ version }, [{ seconds: 0, fraction: 0, data: SYN }]))).toHaveLength(1);
    }
  });

  it('rejects an absurd captured length without waiting for the bytes', () => {
    const file = pcapFile({}, [{ seconds: 0, fraction: 0, data: OTHER }]);
    new DataView(file.buffer).setUint32(24 + 8, 0x3000_0000, true);
    expect(wireError(() => new CaptureReader().push(file))).toMatchObject({ code: 'bad-block', packet: 1, offset: 24 });
  });

  it('hands over the records before bad framing, then reports it', () => {
    const good = pcapFile({}, records);
    const file = concat(good, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x30, 0, 0, 0, 0]);
    const reader = new CaptureReader();
    expect(reader.push(file)).toHaveLength(2);
    expect(wireError(() => reader.end())).toMatchObject({ code: 'bad-block', packet: 3, offset: good.length });
    expect(wireError(() => reader.push(OTHER)).code).toBe('bad-block');
  });

  it('keeps failing once the file is known to be bad', () => {
    const reader = new CaptureReader();
    expect(() => reader.push(Uint8Array.from([1, 2, 3, 4]))).toThrow(WireError);
    expect(() => reader.push(OTHER)).toThrow('not a pcap or pcapng file');
    expect(() => reader.end()).toThrow('not a pcap or pcapng file');
  });
});

describe('pcapng', () => {
  const nanosecondFile = concat(
    pcapngSectionHeader(),
    pcapngInterface({ linkType: 1, tsresol: 9 }),
    pcapngEnhancedPacket({ timestamp: 1_700_000_000_123_456_789n, data: SYN, originalLength: 1500 }),
  );

  it('reads a section header, an interface with 10^-9 resolution and an enhanced packet', () => {
    expect(readCapture(nanosecondFile)).toEqual([
      {
        index: 1, offset: pcapngSectionHeader().length + pcapngInterface({ linkType: 1, tsresol: 9 }).length,
        tsUs: 1_700_000_000 * 1e6 + 123_456_789 / 1000, linkType: 1, capturedLength: SYN.length, originalLength: 1500, data: SYN,
      },
    ]);
  });

  it('reads big-endian sections, power-of-two resolutions, the default resolution and simple and obsolete packets', () => {
    const file = concat(
      pcapngSectionHeader(false),
      pcapngInterface({ linkType: 101, tsresol: 0x80 | 10, littleEndian: false }),
      pcapngInterface({ linkType: 228, littleEndian: false }),
      pcapngEnhancedPacket({ timestamp: 3n * 1024n + 512n, data: OTHER, littleEndian: false }),
      pcapngBlock(5, [0, 0, 0, 0], false),
      pcapngSimplePacket(OTHER.subarray(0, 10), 10, false),
      pcapngSectionHeader(true),
      pcapngInterface({ linkType: 113, snapLength: 8 }),
      pcapngEnhancedPacket({ interfaceId: 0, timestamp: 7_000_001n, data: OTHER, obsolete: true }),
      pcapngSimplePacket(OTHER.subarray(0, 12)),
    );
    expect(readCapture(file).map(({ data, offset: _offset, ...rest }) => ({ ...rest, bytes: data.length }))).toEqual([
      { index: 1, tsUs: 3_500_000, linkType: 101, capturedLength: 60, originalLength: 60, bytes: 60 },
      { index: 2, tsUs: 3_500_000, linkType: 101, capturedLength: 10, originalLength: 10, bytes: 10 },
      { index: 3, tsUs: 7_000_001, linkType: 113, capturedLength: 60, originalLength: 60, bytes: 60 },
      { index: 4, tsUs: 7_000_001, linkType: 113, capturedLength: 8, originalLength: 12, bytes: 8 },
    ]);
  });

  it('rejects a block whose length is not a multiple of 4 or whose trailer disagrees', () => {
    const badLength = concat(nanosecondFile);
    new DataView(badLength.buffer).setUint32(pcapngSectionHeader().length + 4, 30, true);
    expect(wireError(() => readCapture(badLength))).toMatchObject({ code: 'bad-block', offset: pcapngSectionHeader().length });
    const badTrailer = concat(nanosecondFile);
    badTrailer[badTrailer.length - 4] = 0;
    expect(wireError(() => readCapture(badTrailer)).code).toBe('bad-block');
  });

  it('rejects a packet on an interface its section does not describe', () => {
    const file = concat(pcapngSectionHeader(), pcapngEnhancedPacket({ timestamp: 0n, data: OTHER }));
    expect(wireError(() => readCapture(file))).toMatchObject({ code: 'bad-block', packet: 1 });
  });

  it('throws truncated when the last block is cut', () => {
    expect(wireError(() => readCapture(nanosecondFile.subarray(0, nanosecondFile.length - 4)))).toMatchObject({ code: 'truncated', packet: 1 });
  });
});

describe('streaming', () => {
  const realFile = new Uint8Array(readFileSync(path.join(TEST_CAPTURES, 'dns_tcp.pcap')));
  const files = {
    pcap: pcapFile({}, [{ seconds: 1, fraction: 2, data: SYN }, { seconds: 3, fraction: 4, data: OTHER }]),
    pcapng: concat(pcapngSectionHeader(), pcapngInterface({ linkType: 1, tsresol: 9 }), pcapngEnhancedPacket({ timestamp: 5n, data: SYN }), pcapngSimplePacket(OTHER)),
    real: realFile,
  };

  it.each(Object.entries(files))('gives the same %s records pushed one byte at a time as pushed whole', (_, file) => {
    const whole = readCapture(file);
    expect(whole.length).toBeGreaterThan(1);
    expect(pushInChunks(file, 1)).toEqual(whole);
    expect(pushInChunks(file, 7)).toEqual(whole);
  });

  it('stays linear when a large record arrives one byte at a time', () => {
    const big = new Uint8Array(100_000).fill(0x61);
    const file = pcapFile({}, [{ seconds: 0, fraction: 0, data: big }]);
    const started = performance.now();
    expect(pushInChunks(file, 1)[0]?.data).toEqual(big);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
