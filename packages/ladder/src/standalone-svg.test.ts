import type { Recording } from '@sockscope/protocol';
import { recordedSession } from '@sockscope/recordings/test-sessions';
import { DOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { wireLabel } from './labels.ts';
import { MONO_EM } from './text-width.ts';
import { recordingSvg } from './node.ts';
import type { XmlDocument } from './xml-dom.ts';

/** linkedom's XML document, typed as the browser's (its own types leave query results unknown). */
const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as XmlDocument;

describe('the ladder as a standalone SVG', () => {
  let recording: Recording;
  let svg: string;
  beforeAll(async () => {
    // A real TCP echo on the kernel with capture, as the CLI saved it on 3 December 2026: one track.
    recording = recordedSession('tcp-echo');
    svg = (await recordingSvg(recording)).svg;
  });

  it('is one SVG document with a title line, the lifelines\' headers and every arrow\'s label', () => {
    const document = parse(svg);
    expect(document.documentElement.tagName).toBe('svg');
    expect(document.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const texts = Array.from(document.querySelectorAll('text')).map((text) => text.textContent);
    expect(texts).toContain('TCP echo');
    expect(texts).toContain('CLIENT');
    expect(texts).toContain('SERVER');
    expect(texts.some((text) => /^sockscope · .* 3 December 2026/.test(text ?? ''))).toBe(true);
    const arrows = recording.tracks[0]!.events.filter((event) => event.kind === 'segment');
    expect(arrows.length).toBeGreaterThan(8);
    for (const segment of arrows) expect(texts, wireLabel(segment)).toContain(wireLabel(segment));
    expect(texts).toContain('SYN seq=0');
    expect(texts).toContain('Step 1: server: listen()');
  });

  it('refers to nothing outside itself and needs no stylesheet: every style is an attribute', () => {
    expect(svg).not.toMatch(/<style|class=|url\(|href|@import|var\(|<marker|paint-order|<image|<foreignObject/);
    const document = parse(svg);
    const lines = Array.from(document.querySelectorAll('line'));
    expect(lines.every((line) => line.getAttribute('stroke'))).toBe(true);
    // Each arrow ends in a drawn head: one filled path per packet.
    const heads = Array.from(document.querySelectorAll('path[fill]')).filter((path) => /^M[\d.-]+,[\d.-]+ L.* Z$/.test(path.getAttribute('d') ?? ''));
    expect(heads.length).toBe(recording.tracks[0]!.events.filter((event) => event.kind === 'segment').length);
    // A label's white halo is a white copy of it drawn first.
    const label = Array.from(document.querySelectorAll('text')).filter((text) => text.textContent === 'SYN seq=0');
    expect(label.map((text) => text.getAttribute('fill'))).toEqual(['#fff', '#1b2128']);
  });

  it('draws a label in two styles so that LibreOffice does not lay its parts over each other', () => {
    const document = parse(svg);
    const texts = Array.from(document.querySelectorAll('text'));
    // A right-aligned state label on the client's side is one text; a call and its result, two, side by side.
    expect(texts.map((text) => text.textContent)).toContain('c1 SYN-SENT');
    const listen = texts.filter((text) => text.textContent === 'listen(511)').at(-1);
    const result = texts.filter((text) => text.textContent === '→ 0' && text.getAttribute('y') === listen?.getAttribute('y')).at(-1);
    expect(Number(result?.getAttribute('x')) - Number(listen?.getAttribute('x'))).toBeCloseTo('listen(511) '.length * MONO_EM * 14, 1);
    expect(document.querySelectorAll('tspan[font-family]').length + document.querySelectorAll('text[text-anchor="end"] tspan').length).toBe(0);
    expect(document.documentElement.getAttribute('xml:space')).toBe('preserve');
  });

  it('speaks Korean when asked, in fonts that carry Hangul', async () => {
    const korean = (await recordingSvg(recording, { locale: 'ko' })).svg;
    expect(korean).toContain('클라이언트');
    expect(korean).toContain('1단계');
    expect(korean).toMatch(/font-family="[^"]*Malgun Gothic/);
    expect(korean).toContain('SYN seq=0');
  });

  it('refuses a ladder too long for one picture, saying how long', async () => {
    const first = recording.tracks[0]!;
    const note = first.events.find((event) => event.kind === 'note')!;
    // A recording of many rows: the same error note, again and again, each one a row.
    const events = Array.from({ length: 5001 }, (_, index) => ({ ...note, id: index + 1, t: index, level: 'error' as const }));
    const long: Recording = { ...recording, tracks: [{ ...first, events }] };
    await expect(recordingSvg(long)).rejects.toThrow('the ladder has 5001 rows, more than the 5000 one picture holds; choose a shorter track');
  });

  it("draws two tracks side by side lined up by meaning, the UDP one's marks of what TCP has and it has not among its texts", async () => {
    const tcp = recordedSession('tcp-echo').tracks[0]!;
    const udp = { ...recordedSession('udp-echo').tracks[0]!, id: 'udp' };
    const both: Recording = { ...recordedSession('tcp-echo'), tracks: [tcp, udp] };
    const texts = (svg: string) => Array.from(parse(svg).querySelectorAll('text')).map((text) => text.textContent);
    const english = texts((await recordingSvg(both, { tracks: ['session', 'udp'] })).svg);
    expect(english).toEqual(expect.arrayContaining(['no handshake', 'no ACK', 'no FIN']));
    const korean = texts((await recordingSvg(both, { tracks: ['session', 'udp'], locale: 'ko' })).svg);
    expect(korean).toEqual(expect.arrayContaining(['핸드셰이크 없음', 'ACK 없음', 'FIN 없음']));
    // One ladder alone has nothing beside it to miss.
    expect(texts((await recordingSvg(both, { tracks: ['udp'] })).svg)).not.toContain('no handshake');
  });

  it('names what it cannot draw', async () => {
    await expect(recordingSvg(recording, { tracks: ['tcp-9'] })).rejects.toThrow('the recording has no track "tcp-9"; its tracks are session');
    await expect(recordingSvg(recording, { tracks: ['a', 'b', 'c'] })).rejects.toThrow('at most two tracks fit side by side, not 3');
  });
});
