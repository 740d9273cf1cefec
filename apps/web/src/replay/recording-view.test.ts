import { parseRecording, recordingToJsonLines, type Recording } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { embeddableJsonLines, fillReplayTemplate, trackSlot } from './recording-view.ts';

const template = '<html><body><div id="root"></div><script type="application/x-ndjson" id="recording"></script><script type="module">app()</script></body></html>';

function recording(tracks: number, payload = 'hello'): Recording {
  return {
    name: 'A </script> and $& and <!-- here', createdAt: '2026-11-25T14:03:00.000Z', origin: { kind: 'session', scenario: 'udp-echo' },
    tracks: Array.from({ length: tracks }, (_, index) => ({
      id: `udp-${index + 1}`, title: `UDP flow ${index + 1}`, proto: 'udp' as const, capture: { mode: 'pcap' as const },
      sides: [{ name: 'client' }, { name: 'server' }],
      events: [
        { id: 1, t: 30, kind: 'datagram' as const, source: 'captured' as const, from: 'server', to: 'client', src: '127.0.0.2:7007', dst: '127.0.0.1:5000', len: 5 },
        {
          // Arrived later than the reply, happened before it (a packet late through the capture pipe).
          id: 2, t: 10, kind: 'datagram' as const, source: 'captured' as const, from: 'client', to: 'server', src: '127.0.0.1:5000', dst: '127.0.0.2:7007',
          len: payload.length, payload: { text: payload, hex: '', truncated: false },
        },
      ],
    })),
  };
}

describe('a recording inside the replay page', () => {
  it('cannot end its element early, whatever its payloads say, and reads back the same', () => {
    const original = recording(1, '</SCRIPT><script>alert(1)</script><!--');
    const page = fillReplayTemplate(template, recordingToJsonLines(original));
    const data = /<script type="application\/x-ndjson" id="recording">([\s\S]*?)<\/script>/i.exec(page)?.[1] ?? '';
    expect(data).not.toMatch(/</);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(parseRecording(data)).toEqual(original);
    // `$&` in the data stays itself instead of becoming the matched element.
    expect(page).toContain('$&');
  });

  it('refuses a template without its empty element, saying how to rebuild it', () => {
    expect(() => fillReplayTemplate('<html></html>', '{}')).toThrow('npm run build -w @sockscope/web');
    expect(() => fillReplayTemplate(fillReplayTemplate(template, '{}'), '{}')).toThrow('no empty <script id="recording">');
  });

  it('escapes only what HTML could misread: JSON reads \\u003c as <', () => {
    expect(embeddableJsonLines('{"a":"<b>"}')).toBe('{"a":"\\u003cb>"}');
    expect(JSON.parse(embeddableJsonLines('{"a":"<b>"}'))).toEqual({ a: '<b>' });
  });

  it('holds a track as an ended session with its events in drawing order', () => {
    const held = recording(3);
    const slot = trackSlot(held.tracks[0]!, held);
    expect(slot.info).toMatchObject({ id: 'udp-1', title: 'UDP flow 1', status: 'finished', steps: [], nextStep: 0, lastEventId: 2, proto: 'udp' });
    expect(slot.events.map((event) => event.id)).toEqual([2, 1]);
  });
});
