import { readFileSync } from 'node:fs';
import { onLanes } from '@sockscope/ladder';
import { recordingToJsonLines, type Recording } from '@sockscope/protocol';
import { importCapture } from '@sockscope/recordings/import';
import { describe, expect, it } from 'vitest';
import { assemble, emptyAssembly, finish, type Loaded } from './assembly.ts';
import { runLoad } from './load-job.ts';
import { EVENTS_PER_MESSAGE, type LoadReply } from './load-messages.ts';
import { TEST_CAPTURES as CAPTURES } from '@sockscope/wire/test-captures';


async function* inPieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Runs the worker's job and puts its replies together as the page does. */
async function load(file: string, bytes: Uint8Array, pieceSize = 100): Promise<{ replies: LoadReply[]; loaded?: Loaded }> {
  const replies: LoadReply[] = [];
  let clock = 0;
  await runLoad({ file, chunks: inPieces(bytes, pieceSize) }, (reply) => replies.push(reply), () => (clock += 40));
  let assembly = emptyAssembly;
  for (const reply of replies) {
    if (reply.type === 'tracks' || reply.type === 'events') assembly = assemble(assembly, reply);
    if (reply.type === 'done') return { replies, loaded: finish(assembly, reply) };
  }
  return { replies };
}

const capture = (name: string) => new Uint8Array(readFileSync(CAPTURES + name));

describe("the page's loading job", () => {
  it('decodes a real capture read in pieces, says how far it got, and hands over every track on its lanes', async () => {
    const bytes = capture('dns_tcp.pcap');
    const { replies, loaded } = await load('dns_tcp.pcap', bytes);
    const progress = replies.filter((reply) => reply.type === 'progress');
    // At most every PROGRESS_INTERVAL_MS (the test clock moves 40 ms a read), and the last says all of it.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.length).toBeLessThan(Math.ceil(bytes.length / 100));
    expect(progress.at(-1)).toEqual({ type: 'progress', bytes: bytes.length, packets: 11 });
    const expected = importCapture(bytes, { file: 'dns_tcp.pcap', createdAt: loaded?.recording.createdAt ?? '' }).recording;
    expect(loaded).toEqual({ kind: 'capture', problems: [], problemCount: 0, recording: { ...expected, tracks: expected.tracks.map(onLanes) } });
  });

  it('sends a large track in batches, each small enough to copy without stalling the page', async () => {
    const events = Array.from({ length: EVENTS_PER_MESSAGE * 2 + 7 }, (_, index) => ({
      id: index + 1, t: index, kind: 'note' as const, source: 'traced' as const, code: 'step-start' as const, level: 'info' as const, text: `#${index + 1}`,
    }));
    const recording: Recording = {
      name: 'many', createdAt: '2026-11-25T12:00:00.000Z', origin: { kind: 'session', scenario: 'tcp-echo' },
      tracks: [{ id: 'session', title: 'Many', proto: 'tcp', capture: { mode: 'pcap' }, sides: [{ name: 'client', role: 'client' }, { name: 'server', role: 'server' }], events }],
    };
    const { replies, loaded } = await load('many.jsonl', new TextEncoder().encode(recordingToJsonLines(recording)), 4096);
    expect(replies.filter((reply) => reply.type === 'events').map((reply) => reply.type === 'events' && reply.events.length))
      .toEqual([EVENTS_PER_MESSAGE, EVENTS_PER_MESSAGE, 7]);
    expect(loaded).toEqual({ kind: 'recording', problems: [], problemCount: 0, recording });
  });

  it('lists the broken packets of a malformed capture, with their number and offset', async () => {
    const { loaded } = await load('tcp_header_heapoverflow.pcap', capture('tcp_header_heapoverflow.pcap'));
    expect(loaded).toMatchObject({ problemCount: 1, problems: [{ packet: 1, offset: 24, reason: 'TCP header truncated: 12 of 20 bytes captured' }] });
  });

  it('refuses a bad JSON Lines file with the line and field at fault, and a file that is neither', async () => {
    const lines = recordingToJsonLines({
      name: 'bad', createdAt: '2026-11-25T12:00:00.000Z', origin: { kind: 'session', scenario: 'tcp-echo' },
      tracks: [{ id: 'session', title: 'Bad', proto: 'tcp', capture: { mode: 'pcap' }, sides: [{ name: 'client' }], events: [
        { id: 1, t: 0, kind: 'segment', source: 'captured', from: 'client', to: 'server', src: 'a:1', dst: 'b:2', flags: ['SYN'], relSeq: 0, len: 0 },
      ] }],
    }).replace('"flags":["SYN"]', '"flags":["SYNACK"]');
    const { replies } = await load('bad.jsonl', new TextEncoder().encode(lines));
    expect(replies.at(-1)).toEqual({
      type: 'failed', failure: { kind: 'format', line: 2, field: 'event.flags.0', detail: expect.stringContaining('SYN') },
    });
    const { replies: other } = await load('notes.txt', new TextEncoder().encode('hello'));
    expect(other.at(-1)).toEqual({ type: 'failed', failure: { kind: 'capture', detail: 'not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x68656c6c' } });
  });
});
