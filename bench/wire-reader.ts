import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureReader, decodePacket } from '@sockscope/wire';
import { ethernet, ipv4, TCP, tcpSegment } from '../packages/wire/src/test-fixtures.ts';
import { median } from './stats.ts';

export const PACKETS = 200_000;

/** A pcap of `count` Ethernet/IPv4/TCP segments with 100-byte payloads, built in memory. */
export function syntheticCapture(count: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  const chunks: Buffer[] = [header];
  for (let i = 0; i < count; i += 1) {
    const segment = tcpSegment({ srcPort: 40000, dstPort: 7007, seq: (1000 + i * 100) >>> 0, ack: 5000, flags: TCP.PSH | TCP.ACK, window: 512, payload: new Uint8Array(100).fill(0x61) });
    const frame = ethernet(0x0800, ipv4({ src: '127.0.0.1', dst: '127.9.9.9', protocol: 6, payload: segment }));
    const record = Buffer.alloc(16);
    record.writeUInt32LE(1_700_000_000 + Math.floor(i / 1000), 0);
    record.writeUInt32LE((i % 1000) * 1000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    chunks.push(record, Buffer.from(frame));
  }
  return Buffer.concat(chunks);
}

function readerMs(file: string): number {
  const bytes = readFileSync(file);
  const start = performance.now();
  const reader = new CaptureReader();
  let decoded = 0;
  for (let offset = 0; offset < bytes.length; offset += 65536) {
    for (const record of reader.push(bytes.subarray(offset, offset + 65536))) {
      if (decodePacket(record.linkType, record.data, record.originalLength).tcp) decoded += 1;
    }
  }
  reader.end();
  if (decoded !== PACKETS) throw new Error(`decoded ${decoded} of ${PACKETS}`);
  return performance.now() - start;
}

export function tcpdumpMs(file: string): number {
  const start = performance.now();
  execFileSync('tcpdump', ['-nn', '-r', file], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  return performance.now() - start;
}

export function benchWireReader(runs: number): string[] {
  const file = path.join(tmpdir(), `sockscope-bench-${process.pid}.pcap`);
  writeFileSync(file, syntheticCapture(PACKETS));
  const ours = Array.from({ length: runs }, () => readerMs(file));
  const theirs = Array.from({ length: runs }, () => tcpdumpMs(file));
  const rate = (ms: number) => `${Math.round(PACKETS / (ms / 1000)).toLocaleString('en')} packets/s`;
  return [
    `pcap reader + decoder, ${PACKETS.toLocaleString('en')} TCP packets, median of ${runs}: ${median(ours).toFixed(0)} ms (${rate(median(ours))})`,
    `baseline tcpdump -nn -r on the same file (to /dev/null), median of ${runs}: ${median(theirs).toFixed(0)} ms (${rate(median(theirs))})`,
  ];
}
