import { describe, expect, it } from 'vitest';
import type { Recording } from './recording.ts';
import { parseRecording, recordingToJsonLines } from './recording-jsonl.ts';
import { embeddableJsonLines, fillReplayTemplate } from './replay-template.ts';

const template = '<html><body><div id="root"></div><script type="application/x-ndjson" id="recording"></script><script type="module">app()</script></body></html>';

/** One datagram whose payload tries to end the element it travels in. */
function recording(payload: string): Recording {
  return {
    name: 'A </script> and $& and <!-- here', createdAt: '2026-11-25T14:03:00.000Z', origin: { kind: 'session', scenario: 'udp-echo' },
    tracks: [{
      id: 'udp-1', title: 'UDP flow 1', proto: 'udp', capture: { mode: 'pcap' }, sides: [{ name: 'client' }, { name: 'server' }],
      events: [{
        id: 1, t: 10, kind: 'datagram', source: 'captured', from: 'client', to: 'server', src: '127.0.0.1:5000', dst: '127.0.0.2:7007',
        len: payload.length, payload: { text: payload, hex: '', truncated: false },
      }],
    }],
  };
}

describe('a recording inside the replay page', () => {
  it('cannot end its element early, whatever its payloads say, and reads back the same', () => {
    const original = recording('</SCRIPT><script>alert(1)</script><!--');
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
});
