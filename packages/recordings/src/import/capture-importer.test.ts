import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordingToJsonLines, type SegmentEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { ascii, ethernet, ipv4, pcapFile, tcpSegment, TCP, udpDatagram } from '../../../wire/src/test-fixtures.ts';
import { tsharkSegments } from '../test-tshark.ts';
import { CaptureImporter, CaptureImportError, importCapture, type ImportProgress } from './capture-importer.ts';
import { importFile } from './file-importer.ts';

type Ends = readonly [string, string, number, number];
const C: Ends = ['10.0.0.1', '10.0.0.2', 40000, 80];
const S: Ends = ['10.0.0.2', '10.0.0.1', 80, 40000];
const data = (n: number) => new Uint8Array(n).fill(0x61);

function segment([src, dst, srcPort, dstPort]: Ends, fields: { seq: number; ack?: number; flags: number; payload?: Uint8Array; window?: number }): Uint8Array {
  return ethernet(0x0800, ipv4({ src, dst, protocol: 6, payload: tcpSegment({ srcPort, dstPort, ...fields }) }));
}

/** Frames each `ms` milliseconds after the first (one microsecond apart when not given). */
function capture(frames: (Uint8Array | [number, Uint8Array])[]): Uint8Array {
  return pcapFile({}, frames.map((frame, i) => {
    const [ms, data] = Array.isArray(frame) ? frame : [i / 1000, frame];
    const us = Math.round(ms * 1000);
    return { seconds: 1_700_000_000 + Math.floor(us / 1e6), fraction: us % 1e6, data };
  }));
}

function onDisk(bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sockscope-import-')), 'capture.pcap');
  writeFileSync(file, bytes);
  return file;
}

const segmentsOf = (bytes: Uint8Array) =>
  importCapture(bytes, { file: 'test.pcap' }).recording.tracks.flatMap((track) => track.events.filter((e): e is SegmentEvent => e.kind === 'segment'));

/** What sockscope and tshark each make of every segment: relative numbers and the analysis. */
function bothReadings(bytes: Uint8Array) {
  const ours = segmentsOf(bytes).map(({ relSeq, relAck, analysis }) => ({ relSeq, relAck, analysis }));
  const theirs = tsharkSegments(onDisk(bytes)).map(({ relSeq, relAck, analysis }) => ({ relSeq, relAck, analysis }));
  return { ours, theirs };
}

/** A handshake, a repeated SYN, data sent twice, then data that overlaps what was sent. */
const lossy = capture([
  segment(C, { seq: 1000, flags: TCP.SYN }),
  segment(C, { seq: 1000, flags: TCP.SYN }),
  segment(S, { seq: 5000, ack: 1001, flags: TCP.SYN | TCP.ACK }),
  segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK }),
  segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) }),
  segment(C, { seq: 1101, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) }),
  [300, segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [301, segment(C, { seq: 1151, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [302, segment(S, { seq: 5001, ack: 1251, flags: TCP.ACK })],
  [303, segment(C, { seq: 1251, ack: 5001, flags: TCP.ACK | TCP.FIN })],
  [600, segment(C, { seq: 1251, ack: 5001, flags: TCP.ACK | TCP.FIN })],
]);

/** Keep-alives (empty and one byte) and their ACKs, a spurious, a plain and a fast retransmission, an out-of-order segment. */
const analysed = capture([
  [0, segment(C, { seq: 1000, flags: TCP.SYN })],
  [10, segment(S, { seq: 5000, ack: 1001, flags: TCP.SYN | TCP.ACK })],
  [20, segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK })],
  [100, segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [120, segment(S, { seq: 5001, ack: 1101, flags: TCP.ACK })],
  [5000, segment(C, { seq: 1100, ack: 5001, flags: TCP.ACK })],
  [5010, segment(S, { seq: 5001, ack: 1101, flags: TCP.ACK })],
  [10000, segment(C, { seq: 1100, ack: 5001, flags: TCP.ACK, payload: data(1) })],
  [11000, segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [12000, segment(C, { seq: 1101, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [12001, segment(C, { seq: 1201, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [13000, segment(C, { seq: 1101, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [13001, segment(C, { seq: 1301, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [13010, segment(S, { seq: 5001, ack: 1201, flags: TCP.ACK })],
  [13011, segment(S, { seq: 5001, ack: 1201, flags: TCP.ACK })],
  [13012, segment(S, { seq: 5001, ack: 1201, flags: TCP.ACK })],
  [13015, segment(C, { seq: 1201, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(100) })],
  [13016, segment(C, { seq: 1251, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(10) })],
  [14000, segment(C, { seq: 1400, ack: 5001, flags: TCP.ACK | TCP.PSH, payload: data(2) })],
]);

describe('importing a capture', () => {
  it('marks the segments Wireshark calls retransmissions, each naming the segment it repeats', () => {
    const ours = segmentsOf(lossy);
    expect(ours.map((s) => s.analysis)).toEqual(tsharkSegments(onDisk(lossy)).map((s) => s.analysis));
    const idOf = (index: number) => ours[index]?.id;
    expect(ours.map((s) => s.retransmitOf)).toEqual([
      undefined, idOf(0), undefined, undefined, undefined, undefined, idOf(4), idOf(5), undefined, undefined, idOf(9),
    ]);
  });

  it('tells keep-alives, spurious, fast and plain retransmissions and out-of-order segments apart as tshark does', () => {
    const { ours, theirs } = bothReadings(analysed);
    expect(ours).toEqual(theirs);
    expect(ours.map((s) => s.analysis)).toEqual([
      undefined, undefined, undefined, undefined, undefined, 'keep-alive', undefined, 'keep-alive', 'spurious-retransmission',
      undefined, undefined, 'retransmission', undefined, undefined, undefined, undefined, 'fast-retransmission', 'out-of-order', undefined,
    ]);
  });

  it('re-bases relative numbers on a SYN-ACK with a new ISN, as tshark does (an injected RST before it, a second SYN-ACK)', () => {
    const injected = capture([
      segment(C, { seq: 1000, flags: TCP.SYN }),
      segment(S, { seq: 0, ack: 1001, flags: TCP.RST | TCP.ACK }),
      segment(S, { seq: 5000, ack: 1001, flags: TCP.SYN | TCP.ACK }),
      segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK }),
      segment(S, { seq: 5001, ack: 1001, flags: TCP.ACK | TCP.PSH, payload: data(10) }),
    ]);
    const { ours, theirs } = bothReadings(injected);
    expect(ours).toEqual(theirs);
    expect(ours.map((s) => s.relSeq)).toEqual([0, 1, 0, 1, 1]);
    const twice = capture([
      segment(C, { seq: 1000, flags: TCP.SYN }),
      segment(S, { seq: 5000, ack: 1001, flags: TCP.SYN | TCP.ACK }),
      segment(S, { seq: 5001, ack: 1001, flags: TCP.ACK | TCP.PSH, payload: data(10) }),
      [500, segment(S, { seq: 3000, ack: 1001, flags: TCP.SYN | TCP.ACK })],
      [900, segment(S, { seq: 3000, ack: 1001, flags: TCP.SYN | TCP.ACK })],
      [1000, segment(C, { seq: 1001, ack: 3001, flags: TCP.ACK })],
      [1002, segment(S, { seq: 3001, ack: 1001, flags: TCP.ACK | TCP.PSH, payload: data(10) })],
      [1003, segment(S, { seq: 5005, ack: 1001, flags: TCP.ACK | TCP.PSH, payload: data(3) })],
    ]);
    const second = bothReadings(twice);
    expect(second.ours).toEqual(second.theirs);
    expect(second.ours.map((s) => s.relAck)).toEqual([undefined, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('starts a new connection at a SYN with a new sequence number on the same ports, as tshark does', () => {
    const reused = capture([
      segment(C, { seq: 1000, flags: TCP.SYN }),
      segment(S, { seq: 5000, ack: 1001, flags: TCP.SYN | TCP.ACK }),
      segment(C, { seq: 1001, ack: 5001, flags: TCP.ACK | TCP.RST }),
      segment(C, { seq: 9000, flags: TCP.SYN }),
      segment(S, { seq: 7000, ack: 9001, flags: TCP.SYN | TCP.ACK }),
      segment(C, { seq: 9001, ack: 7001, flags: TCP.ACK }),
    ]);
    const { tracks } = importCapture(reused, { file: 'reused.pcap' }).recording;
    const streams = new Set(tsharkSegments(onDisk(reused)).map((s) => s.stream));
    expect(tracks.map((t) => t.id)).toEqual(['tcp-1', 'tcp-2']);
    expect(tracks).toHaveLength(streams.size);
    expect(tracks.map((t) => t.events.filter((e) => e.kind === 'segment').length)).toEqual([3, 3]);
    expect(tracks.map((t) => t.title)).toEqual(['TCP 10.0.0.1:40000 → 10.0.0.2:80', 'TCP 10.0.0.1:40000 → 10.0.0.2:80']);
  });

  it('names lifelines by endpoint and puts an ICMP port unreachable on the flow it is about', () => {
    const udp = (src: string, dst: string, srcPort: number, dstPort: number, text: string) =>
      ipv4({ src, dst, protocol: 17, payload: udpDatagram({ srcPort, dstPort, payload: ascii(text) }) });
    const query = udp('10.0.0.1', '10.0.0.2', 5353, 53, 'hello');
    const unreachable = ipv4({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 1, payload: [3, 3, 0, 0, 0, 0, 0, 0, ...query.subarray(0, 28)] });
    const { tracks } = importCapture(capture([ethernet(0x0800, query), ethernet(0x0800, unreachable)]), { file: 'u.pcap' }).recording;
    expect(tracks.map((t) => [t.id, t.sides])).toEqual([['udp-1', [
      { name: '10.0.0.1:5353', endpoint: '10.0.0.1:5353', role: 'client' }, { name: '10.0.0.2:53', endpoint: '10.0.0.2:53', role: 'server' },
    ]]]);
    expect(tracks[0]?.events.slice(1).map((e) => [e.kind, 'from' in e && e.from, 'to' in e && e.to])).toEqual([
      ['datagram', '10.0.0.1:5353', '10.0.0.2:53'], ['icmp', '10.0.0.2:53', '10.0.0.1:5353'],
    ]);
  });

  it('gives the same recording fed in chunks of any size, and reports its progress', () => {
    const whole = importCapture(lossy, { file: 'x.pcap', createdAt: '2026-01-01T00:00:00.000Z' });
    for (const size of [1, 5, 64]) {
      const progress: ImportProgress[] = [];
      const importer = new CaptureImporter({ file: 'x.pcap', createdAt: '2026-01-01T00:00:00.000Z', onProgress: (p) => progress.push(p) });
      for (let at = 0; at < lossy.length; at += size) importer.push(lossy.subarray(at, at + size));
      expect(importer.end()).toEqual(whole);
      expect(progress.at(-1)).toEqual({ packets: 11, bytes: lossy.length });
      expect(progress.map((p) => p.packets)).toEqual([...progress.map((p) => p.packets)].sort((a, b) => a - b));
    }
  });

  it('keeps what came before a file cut short, and says where it stops', () => {
    const { recording, problems } = importCapture(lossy.subarray(0, lossy.length - 5), { file: 'cut.pcap' });
    expect(recording.tracks[0]?.events.filter((e) => e.kind === 'segment')).toHaveLength(10);
    expect(recording.origin).toMatchObject({ complete: false, packets: 10, problemCount: 1 });
    expect(problems).toEqual([{
      packet: 11, offset: lossy.length - 16 - 54,
      reason: `capture ends mid-record: the 65 bytes from offset ${lossy.length - 70} are not a whole record; the file cannot be read past this point`,
    }]);
  });

  it('keeps what came before framing that breaks part way, whatever the chunks', () => {
    const broken = new Uint8Array([...lossy, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x30, 0, 0, 0, 0, ...lossy.subarray(24)]);
    for (const size of [broken.length, 100]) {
      const importer = new CaptureImporter({ file: 'broken.pcap' });
      for (let at = 0; at < broken.length; at += size) importer.push(broken.subarray(at, at + size));
      const { recording, problems } = importer.end();
      expect(recording.origin).toMatchObject({ packets: 11, complete: false, bytes: broken.length });
      expect(problems).toEqual([{
        packet: 12, offset: lossy.length,
        reason: 'packet 12 claims 805306368 captured bytes, more than the 268435456-byte limit; the file cannot be read past this point',
      }]);
    }
  });

  it('refuses a file that is no capture, and an empty capture, saying why', () => {
    expect(() => importCapture(ascii('hello, world'), { file: 'x' })).toThrow(new CaptureImportError('not a pcap or pcapng file: it starts with 0x68656c6c'));
    expect(() => importCapture(capture([]), { file: 'x' })).toThrow('the capture holds no packets');
  });
});

describe('importing a file of any kind', () => {
  it('tells a capture from a JSON Lines recording, and refuses anything else', () => {
    const fromCapture = importFile(lossy, { file: 'lossy.pcap' });
    expect(fromCapture.kind).toBe('capture');
    const jsonl = new TextEncoder().encode(recordingToJsonLines(fromCapture.recording));
    expect(importFile(jsonl, { file: 'lossy.jsonl' })).toEqual({ kind: 'recording', recording: fromCapture.recording, problems: [] });
    expect(importFile(jsonl, { file: 'lossy.jsonl', name: 'renamed' }).recording.name).toBe('renamed');
    expect(() => importFile(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1]), { file: 'a.out' }))
      .toThrow('not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x7f454c46');
    expect(() => importFile(new Uint8Array(), { file: 'empty' })).toThrow('the file is empty');
    expect(() => importFile(Uint8Array.from([0x7b, 0xff, 0xfe, 0x0a]), { file: 'bad.jsonl' })).toThrow('line 1: not UTF-8 text');
  });
});
