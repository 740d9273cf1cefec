import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader, readCapture } from './capture-reader.ts';
import type { CaptureRecord } from './capture-record.ts';
import { decodePacket } from './decode-packet.ts';
import { LINK_TYPES } from './link-layer.ts';
import { concat, pcapFile, pcapngInterface, pcapngSectionHeader } from './test-fixtures.ts';
import { WireError } from './wire-error.ts';
import { FUZZ, TEST_CAPTURES as CAPTURES } from './test-captures.ts';

const RUNS = FUZZ;
const REAL_FILES = [
  'accecn_handshake.pcap', 'dhcp-option-108.pcapng', 'dns_tcp.pcap', 'icmp-rfc5837.pcap', 'icmpv6-length-zero.pcapng',
  'tcp-handshake-nano.pcap', 'ipv6hdr-heapoverflow.pcap', 'LINKTYPE_IPV6.pcap', 'syslog_udp.pcap',
].map((name) => new Uint8Array(readFileSync(CAPTURES + name)));
const LINK_TYPE_VALUES = [...Object.values(LINK_TYPES), 147];

/** Pushes `file` in chunks of the given sizes, then ends, and decodes every record. */
function readAndDecode(file: Uint8Array, chunkSizes: number[]): CaptureRecord[] {
  const reader = new CaptureReader();
  const records: CaptureRecord[] = [];
  let at = 0;
  for (let i = 0; at < file.length; i++) {
    const size = chunkSizes.length === 0 ? file.length : (chunkSizes[i % chunkSizes.length] ?? 1);
    records.push(...reader.push(file.subarray(at, at + size)));
    at += size;
  }
  reader.end();
  for (const record of records) decodePacket(record.linkType, record.data, record.originalLength);
  return records;
}

/** Runs `action`, letting through only WireError. */
function onlyWireErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
  }
}

const chunkSizes = fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 8 });

describe('anything in, only WireError out', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), chunkSizes, (bytes, sizes) => {
      onlyWireErrors(() => readAndDecode(bytes, sizes));
    }), RUNS);
  });

  const validHeaders = [
    pcapFile({ littleEndian: true }, []),
    pcapFile({ littleEndian: false, nanoseconds: true }, []),
    concat(pcapngSectionHeader(), pcapngInterface({ linkType: 1, tsresol: 9 })),
    concat(pcapngSectionHeader(false), pcapngInterface({ linkType: 101, littleEndian: false })),
  ];

  it('random bytes after a valid file header', () => {
    fc.assert(fc.property(fc.constantFrom(...validHeaders), fc.uint8Array({ maxLength: 600 }), chunkSizes, (header, tail, sizes) => {
      onlyWireErrors(() => readAndDecode(concat(header, tail), sizes));
    }), RUNS);
  });

  it('random mutations of real captures', () => {
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(fc.property(fc.constantFrom(...REAL_FILES), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.nat(), chunkSizes, (file, mutations, cut, sizes) => {
      const mutated = file.slice(0, file.length - (cut % 8));
      for (const { at, value } of mutations) mutated[at % mutated.length] = value;
      onlyWireErrors(() => readAndDecode(mutated, sizes));
    }), RUNS);
  });

  it('random frames decoded on every link type', () => {
    fc.assert(fc.property(fc.constantFrom(...LINK_TYPE_VALUES), fc.uint8Array({ maxLength: 200 }), fc.option(fc.nat()), (linkType, frame, originalLength) => {
      const packet = decodePacket(linkType, frame, originalLength ?? undefined);
      expect(typeof packet.truncated).toBe('boolean');
    }), RUNS);
  });
});

describe('chunking does not matter', () => {
  it('gives the records of a real capture whatever the chunk sizes', () => {
    fc.assert(fc.property(fc.constantFrom(...REAL_FILES), chunkSizes, (file, sizes) => {
      expect(readAndDecode(file, sizes)).toEqual(readCapture(file));
    }), RUNS);
  });
});
