import { readFileSync } from 'node:fs';
import { recordedScenario, recordedScenarios, recordedSession } from '@sockscope/recordings/test-sessions';
import { DOMParser } from 'linkedom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ladderPicture } from './ladder-picture.tsx';
import { layoutCompared, type ComparedSession } from './compare-layout.ts';
import type { TimeMode } from './layout.ts';
import { overlaps, textBoxes, type TextBox } from './svg-text-boxes.ts';
import { ladderWordsFor, LOCALES, type Locale } from './words.ts';
import type { XmlDocument, XmlTools } from './xml-dom.ts';

const css = readFileSync(new URL('./ladder.css', import.meta.url), 'utf8');
const xml: XmlTools = {
  parse: (text) => new DOMParser().parseFromString(text, 'image/svg+xml') as unknown as XmlDocument,
  serialize: (document) => String(document),
};

/** Screen widths classrooms have, and the ladder each gives: the page's margins off, two ladders halving it. */
const SCREENS = [1024, 1280, 1440, 1920];
// The page's margins and the folded kernel's view take about 100 pixels (924 of 1024 measured in Chromium).
const single = (screen: number) => screen - 100;
const compared = (screen: number) => (screen - 100 - 24) / 2;

const PAD = 24;
const GAP = 24;

interface Case { sessions: ComparedSession[]; width: number; timeMode: TimeMode; locale: Locale; labelSize?: number }

/** Hundreds of pictures drawn and measured: more than a unit test's usual time on a loaded machine. */
const SLOW = 180_000;

/** What is wrong with one picture: labels over each other, or over the edge of their ladder. */
function damage({ sessions, width, timeMode, locale, labelSize }: Case): { found: string[]; texts: string[] } {
  const layouts = layoutCompared(sessions, { timeMode, zoom: 1, ...(labelSize && { labelSize }) });
  const { svg } = ladderPicture(layouts.map((layout, index) => ({ title: `Ladder ${index + 1}`, layout, width, ...(labelSize && { labelSize }) })), {
    title: 'Fit', date: new Date(Date.UTC(2026, 11, 3)), words: ladderWordsFor(locale), css, render: renderToStaticMarkup, xml,
  });
  const boxes = textBoxes(xml.parse(svg));
  const found: string[] = [];
  const show = (box: TextBox) => `"${box.text}" [${box.left.toFixed(0)}–${box.right.toFixed(0)}, ${box.top.toFixed(0)}–${box.bottom.toFixed(0)}]`;
  for (const [a, b] of overlaps(boxes)) found.push(`${show(a)} overlaps ${show(b)}`);
  const columns = layouts.map((_, index) => [PAD + index * (width + GAP), PAD + index * (width + GAP) + width] as const);
  for (const box of boxes.filter((one) => one.inLadder)) {
    const column = columns.find(([left, right]) => box.left < right && box.right > left);
    if (column && (box.left < column[0] - 0.5 || box.right > column[1] + 0.5)) found.push(`${show(box)} leaves its ladder [${column[0]}–${column[1]}]`);
  }
  return { found, texts: boxes.map((box) => box.text) };
}

/** A scenario as the page compares it: its events, with its list of steps and its protocol. */
function session(name: string, packets: 'captured' | 'inferred' = 'captured'): ComparedSession {
  const track = recordedSession(name, packets).tracks[0]!;
  return { events: recordedScenario(name, packets), proto: track.proto, ...(track.scenario && { steps: track.scenario.steps }) };
}

const scenarios = recordedScenarios();
const PACKETS = ['captured', 'inferred'] as const;

describe('every label of the ladder fits: none over another, none cut at an edge', () => {
  for (const name of scenarios) {
    it(name, () => {
      const found: string[] = [];
      for (const packets of PACKETS) {
        const sessions = [session(name, packets)];
        for (const screen of SCREENS) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
          const where = `${packets} ${screen}px ${timeMode} ${locale}`;
          found.push(...damage({ sessions, width: single(screen), timeMode, locale }).found.map((line) => `${where}: ${line}`));
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    }, SLOW);
  }
});

describe('two ladders side by side fit too', () => {
  // Each scenario beside another (the next one, in order), so every scenario is compared once.
  const pairs = scenarios.flatMap((name, index) => (index % 2 === 0 ? [[name, scenarios[(index + 1) % scenarios.length]!] as const] : []));
  for (const [a, b] of pairs) {
    it(`${a} beside ${b}`, () => {
      const found: string[] = [];
      for (const packets of PACKETS) {
        const sessions = [session(a, packets), session(b, packets)];
        for (const screen of SCREENS) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
          const where = `${packets} ${screen}px ${timeMode} ${locale}`;
          found.push(...damage({ sessions, width: compared(screen), timeMode, locale }).found.map((line) => `${where}: ${line}`));
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    }, SLOW);
  }
});

describe("a presenter's bigger type fits as well", () => {
  // The page sets one figure (labelSize) for the arrow and call labels; every other size follows it.
  for (const [screen, labelSize] of [[1024, 18], [1920, 24]] as const) {
    it(`${labelSize} px labels on a ${screen}-pixel screen, every scenario`, () => {
      const found: string[] = [];
      for (const name of scenarios) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
        const where = `${name} ${timeMode} ${locale}`;
        found.push(...damage({ sessions: [session(name)], width: single(screen), timeMode, locale, labelSize }).found.map((line) => `${where}: ${line}`));
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    }, SLOW);
  }
});

describe("TCP beside UDP, lined up by meaning, with the UDP side's marks of what it has not", () => {
  // Each pair draws marks (the test says which), so it fits them, not an empty picture.
  const PAIRS = [
    ['tcp-echo', 'udp-echo', ['no handshake', 'no ACK', 'no FIN']],
    ['udp-echo', 'tcp-echo', ['no handshake', 'no ACK', 'no FIN']],
    ['tcp-boundaries', 'udp-boundaries', ['no handshake', 'no ACK', 'no FIN']],
    ['connection-refused', 'udp-closed-port', []],
    ['half-close', 'udp-echo', ['no handshake', 'no ACK', 'no FIN']],
    ['udp-overflow', 'zero-window', ['no handshake', 'no ACK', 'no FIN']],
  ] as const;
  const KOREAN: Record<string, string> = { 'no handshake': '핸드셰이크 없음', 'no ACK': 'ACK 없음', 'no FIN': 'FIN 없음' };
  for (const [a, b, marks] of PAIRS) {
    it(`${a} beside ${b}`, () => {
      const found: string[] = [];
      for (const packets of PACKETS) {
        const sessions = [session(a, packets), session(b, packets)];
        for (const screen of SCREENS) for (const locale of LOCALES) for (const labelSize of [undefined, 18]) {
          const where = `${packets} ${screen}px ${locale}${labelSize ? ` ${labelSize} px` : ''}`;
          const drawn = damage({ sessions, width: compared(screen), timeMode: 'event', locale, ...(labelSize && { labelSize }) });
          found.push(...drawn.found.map((line) => `${where}: ${line}`));
          const expected = marks.map((mark) => (locale === 'ko' ? KOREAN[mark]! : mark));
          const missing = expected.filter((mark) => !drawn.texts.includes(mark));
          if (missing.length > 0) found.push(`${where}: no ${missing.join(', ')}`);
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    }, SLOW);
  }
});
