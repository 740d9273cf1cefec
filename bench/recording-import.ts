import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureImporter } from '@sockscope/recordings/import';
import { median } from './stats.ts';
import { PACKETS, syntheticCapture, tcpdumpMs } from './wire-reader.ts';

/** The whole import as the page's Worker runs it: 1 MiB chunks in, tracks of events out. */
function importMs(bytes: Uint8Array): number {
  const start = performance.now();
  const importer = new CaptureImporter({ file: 'bench.pcap' });
  for (let at = 0; at < bytes.length; at += 1024 * 1024) importer.push(bytes.subarray(at, at + 1024 * 1024));
  const { recording } = importer.end();
  const segments = recording.tracks.reduce((sum, track) => sum + track.events.filter((e) => e.kind === 'segment').length, 0);
  if (segments !== PACKETS) throw new Error(`imported ${segments} of ${PACKETS} segments`);
  return performance.now() - start;
}

/** Heap the imported recording keeps, per event (needs node --expose-gc; undefined without it). */
function heapPerEvent(bytes: Uint8Array): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const importer = new CaptureImporter({ file: 'bench.pcap' });
  for (let at = 0; at < bytes.length; at += 1024 * 1024) importer.push(bytes.subarray(at, at + 1024 * 1024));
  const { recording } = importer.end();
  gc();
  const events = recording.tracks.reduce((sum, track) => sum + track.events.length, 0);
  return (process.memoryUsage().heapUsed - before) / events;
}

export function benchRecordingImport(runs: number): string[] {
  const file = path.join(tmpdir(), `sockscope-bench-import-${process.pid}.pcap`);
  writeFileSync(file, syntheticCapture(PACKETS));
  try {
    const bytes = new Uint8Array(readFileSync(file));
    const ours = Array.from({ length: runs }, () => importMs(bytes));
    const theirs = Array.from({ length: runs }, () => tcpdumpMs(file));
    const megabytes = bytes.length / 1e6;
    const rates = (ms: number) =>
      `${Math.round(PACKETS / (ms / 1000)).toLocaleString('en')} packets/s, ${(megabytes / (ms / 1000)).toFixed(1)} MB/s`;
    const perEvent = heapPerEvent(bytes);
    return [
      `import (decode, group into connections, events, relative numbers, retransmissions, inferred states), ${PACKETS.toLocaleString('en')} TCP packets, ${megabytes.toFixed(1)} MB, median of ${runs}: ${median(ours).toFixed(0)} ms (${rates(median(ours))})`,
      `baseline tcpdump -nn -r on the same file (to /dev/null), median of ${runs}: ${median(theirs).toFixed(0)} ms (${rates(median(theirs))})`,
      perEvent === undefined
        ? 'heap per imported event: run with node --expose-gc to measure'
        : `heap kept per imported event: ${perEvent.toFixed(0)} bytes (a million-packet import: ~${Math.round(perEvent)} MB of events)`,
    ];
  } finally {
    rmSync(file, { force: true });
  }
}
