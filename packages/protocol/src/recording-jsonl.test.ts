import { describe, expect, it } from 'vitest';
import type { SessionEvent } from './events.ts';
import type { Recording } from './recording.ts';
import { parseRecording, RecordingFormatError, RecordingReader, recordingToJsonLines } from './recording-jsonl.ts';

const syn: SessionEvent = {
  id: 2, t: 120, kind: 'segment', source: 'captured', from: '10.0.0.1:40000', to: '10.0.0.2:80',
  src: '10.0.0.1:40000', dst: '10.0.0.2:80', flags: ['SYN'], seq: 1000, relSeq: 0, len: 0, win: 64240, options: { mss: 1460 },
};

const recording: Recording = {
  name: 'two tracks',
  createdAt: '2026-11-25T13:00:00.000Z',
  startedAt: '2026-11-25T12:59:59.000Z',
  origin: {
    kind: 'capture', file: 'two.pcap', format: 'pcap', bytes: 1234, packets: 2, linkTypes: [1], unassigned: 0,
    complete: true, problemCount: 0, problems: [],
  },
  tracks: [
    {
      id: 'tcp-1', title: 'TCP 10.0.0.1:40000 → 10.0.0.2:80', proto: 'tcp', capture: { mode: 'pcap' },
      sides: [{ name: '10.0.0.1:40000', endpoint: '10.0.0.1:40000', role: 'client' }, { name: '10.0.0.2:80', endpoint: '10.0.0.2:80', role: 'server' }],
      events: [
        { id: 1, t: 120, kind: 'note', source: 'captured', code: 'capture', level: 'info', text: 'imported' },
        syn,
        { id: 3, t: 120, kind: 'state', source: 'inferred', side: '10.0.0.1:40000', socket: '10.0.0.1:40000', from: 'CLOSED', to: 'SYN-SENT' },
      ],
    },
    {
      id: 'udp-1', title: 'UDP', proto: 'udp', capture: { mode: 'pcap' }, sides: [{ name: '10.0.0.1:53' }],
      events: [{ id: 1, t: 300, kind: 'datagram', source: 'captured', from: 'a', to: 'b', src: '10.0.0.1:5353', dst: '10.0.0.1:53', len: 0 }],
    },
  ],
};

const text = recordingToJsonLines(recording);
const lines = text.trimEnd().split('\n');

function refusal(file: string): RecordingFormatError {
  try {
    parseRecording(file);
  } catch (error) {
    if (error instanceof RecordingFormatError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

function withLine(index: number, change: (json: Record<string, unknown>) => void): string {
  return lines.map((line, i) => {
    if (i !== index) return line;
    const json = JSON.parse(line) as Record<string, unknown>;
    change(json);
    return JSON.stringify(json);
  }).join('\n');
}

describe('a JSON Lines recording', () => {
  it('starts with its header and has one line per event', () => {
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      type: 'recording', format: 'sockscope', v: 1, name: 'two tracks',
      tracks: [{ id: 'tcp-1', events: 3 }, { id: 'udp-1', events: 1 }],
    });
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[2] ?? '')).toEqual({ type: 'event', track: 'tcp-1', event: syn });
  });

  it('reads back exactly what was written, whole or in chunks of any size', () => {
    expect(parseRecording(text)).toEqual(recording);
    for (const size of [1, 7, 100]) {
      const reader = new RecordingReader();
      for (let start = 0; start < text.length; start += size) reader.push(text.slice(start, start + size));
      expect(reader.end()).toEqual(recording);
    }
    expect(parseRecording(text.replaceAll('\n', '\r\n'))).toEqual(recording);
  });

  it.each([
    ['a bad flag', withLine(2, (json) => { (json.event as { flags: string[] }).flags = ['SYNACK']; }), 3, 'event.flags.0'],
    ['an event of an unknown kind', withLine(3, (json) => { (json.event as { kind: string }).kind = 'telepathy'; }), 4, 'event.kind'],
    ['an unknown track', withLine(4, (json) => { json.track = 'tcp-9'; }), 5, 'track'],
    ['ids that go backwards', withLine(3, (json) => { (json.event as { id: number }).id = 1; }), 4, 'event.id'],
    ['a header without tracks', withLine(0, (json) => { delete json.tracks; }), 1, 'tracks'],
    ['a bad track protocol', withLine(0, (json) => { (json.tracks as { proto: string }[])[1]!.proto = 'sctp'; }), 1, 'tracks.1.proto'],
    ['two tracks with one id', withLine(0, (json) => { (json.tracks as { id: string }[])[1]!.id = 'tcp-1'; }), 1, 'tracks.1.id'],
    ['a bad date', withLine(0, (json) => { json.createdAt = 'yesterday'; }), 1, 'createdAt'],
    ['another format', withLine(0, (json) => { json.format = 'pcapng'; }), 1, 'format'],
    ['a newer version', withLine(0, (json) => { json.v = 2; }), 1, 'v'],
    ['a bare event stream', lines.slice(2).map((line) => JSON.stringify(JSON.parse(line).event)).join('\n'), 1, 'type'],
  ])('refuses %s, naming the line and the field', (_what, file, line, field) => {
    const error = refusal(file);
    expect(error.line).toBe(line);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(new RegExp(`^line ${line}: ${field.replaceAll('.', '\\.')}: .+`));
  });

  it('refuses a line that is not JSON, an empty line, an empty file and a file cut short', () => {
    expect(refusal(`${lines[0]}\n${lines[1]}\n{"type":"event",\n`).message).toMatch(/^line 3: not valid JSON \(/);
    expect(refusal(`${lines[0]}\n\n${lines[1]}\n`).message).toBe('line 2: empty line; every line holds one JSON object');
    expect(refusal('').message).toBe('line 1: the file is empty; a recording starts with its header line');
    expect(refusal(lines.slice(0, 3).join('\n')).message)
      .toBe('line 4: the file ends after 2 events of track tcp-1; its header promises 3');
  });

  it('says what version it reads when the file is newer', () => {
    expect(refusal(withLine(0, (json) => { json.v = 2; })).message).toBe('line 1: v: the file is format version 2; this sockscope reads version 1');
  });
});
