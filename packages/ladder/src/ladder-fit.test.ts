import { readFileSync } from 'node:fs';
import { recordedScenario, recordedScenarios } from '@sockscope/recordings/test-sessions';
import { DOMParser } from 'linkedom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ladderPicture } from './ladder-picture.tsx';
import { layoutAligned, type TimeMode } from './layout.ts';
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
const single = (screen: number) => screen - 48;
const compared = (screen: number) => Math.max(480, (screen - 48 - 24) / 2);

const PAD = 24;
const GAP = 24;

interface Case { name: string; events: Parameters<typeof layoutAligned>[0]; width: number; timeMode: TimeMode; locale: Locale }

/** What is wrong with one picture: labels over each other, or over the edge of their ladder. */
function damage({ events, width, timeMode, locale }: Case): string[] {
  const layouts = layoutAligned(events, { timeMode, zoom: 1 });
  const { svg } = ladderPicture(layouts.map((layout, index) => ({ title: `Ladder ${index + 1}`, layout, width })), {
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
  return found;
}

const scenarios = recordedScenarios();
const PACKETS = ['captured', 'inferred'] as const;

describe('every label of the ladder fits: none over another, none cut at an edge', () => {
  for (const name of scenarios) {
    it(name, () => {
      const found: string[] = [];
      for (const packets of PACKETS) {
        const events = recordedScenario(name, packets);
        for (const screen of SCREENS) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
          const where = `${packets} ${screen}px ${timeMode} ${locale}`;
          found.push(...damage({ name, events: [events], width: single(screen), timeMode, locale }).map((line) => `${where}: ${line}`));
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    });
  }
});

describe('two ladders side by side fit too', () => {
  // Each scenario beside another (the next one, in order), so every scenario is compared once.
  const pairs = scenarios.flatMap((name, index) => (index % 2 === 0 ? [[name, scenarios[(index + 1) % scenarios.length]!] as const] : []));
  for (const [a, b] of pairs) {
    it(`${a} beside ${b}`, () => {
      const found: string[] = [];
      for (const packets of PACKETS) {
        const events = [recordedScenario(a, packets), recordedScenario(b, packets)];
        for (const screen of SCREENS) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
          const where = `${packets} ${screen}px ${timeMode} ${locale}`;
          found.push(...damage({ name: `${a}+${b}`, events, width: compared(screen), timeMode, locale }).map((line) => `${where}: ${line}`));
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    });
  }
});
