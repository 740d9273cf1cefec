import { recordedScenario, recordedScenarios } from '@sockscope/recordings/test-sessions';
import { DOMParser } from 'linkedom';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { laneGeometry, monoStyle, stateStyle, type GeometryOptions } from './geometry.ts';
import { LadderSvg } from './LadderSvg.tsx';
import { layoutLadder, type TimeMode } from './layout.ts';
import { textWidth } from './text-width.ts';
import { ladderWordsFor, LOCALES, type Locale } from './words.ts';
import type { XmlDocument } from './xml-dom.ts';

/** The texts written in the lanes' own room (arrows', calls', drops', held packets'), each with its style. */
const LANE_TEXTS = [
  { selector: 'text.arrow-label', mono: true },
  { selector: 'text.arrow-note', mono: false },
  { selector: 'text.held-note', mono: false },
  { selector: 'text.call-label', mono: true },
  { selector: 'text.drop-label', mono: false },
  { selector: 'g.gap-mark text', mono: false },
] as const;

interface Picture { events: Parameters<typeof layoutLadder>[0]; width: number; timeMode: TimeMode; locale: Locale; options: GeometryOptions }

/**
 * Texts drawn across a lifeline, as the ladder's own markup places them (its classes intact) and
 * the conservative width estimate measures them: a label must stay between the lines it names.
 */
function crossings({ events, width, timeMode, locale, options }: Picture): string[] {
  const layout = layoutLadder(events, { timeMode, zoom: 1, ...(options.labelSize && { labelSize: options.labelSize }) });
  const geometry = laneGeometry(width, layout.lanes, options);
  const markup = renderToStaticMarkup(createElement(LadderSvg, {
    layout, geometry, range: { top: 0, bottom: layout.height }, cursorRow: -1, words: ladderWordsFor(locale), onSelect: () => {},
  }));
  const document = new DOMParser().parseFromString(markup, 'image/svg+xml') as unknown as XmlDocument;
  const lifelines = Array.from(document.querySelectorAll('line.lifeline')).map((line) => Number(line.getAttribute('x1')));
  const found: string[] = [];
  for (const { selector, mono } of LANE_TEXTS) {
    for (const text of Array.from(document.querySelectorAll(selector))) {
      const content = text.textContent ?? '';
      const size = Number(text.getAttribute('font-size'));
      const drawn = textWidth(content, mono ? monoStyle(size) : { ...stateStyle(geometry.fonts), size, letterSpacing: 0 });
      const x = Number(text.getAttribute('x'));
      const anchor = text.getAttribute('text-anchor') ?? 'start';
      const left = anchor === 'middle' ? x - drawn / 2 : anchor === 'end' ? x - drawn : x;
      for (const line of lifelines) {
        if (left < line - 0.5 && left + drawn > line + 0.5) found.push(`"${content}" [${left.toFixed(0)}–${(left + drawn).toFixed(0)}] crosses the lifeline at ${line.toFixed(0)}`);
      }
    }
  }
  return found;
}

const scenarios = recordedScenarios();
/** The page's ladder at these screens: its margins and the folded kernel's view off (1176 of 1280 measured in Chromium). */
const PAGE = [1024, 1280, 1440, 1920].map((screen): { width: number; options: GeometryOptions } => ({ width: screen - 100, options: {} }));
/** Presenter view: the whole width but its margins, no time column, type from presenter-type.ts (1024×768: 18 px, 1280×800: 19, 1920×1080: 26). */
const PRESENTER = [[1024, 18], [1280, 19], [1920, 26]].map(([screen, labelSize]): { width: number; options: GeometryOptions } => ({ width: screen! - 24, options: { labelSize: labelSize!, times: false } }));

describe('no label is drawn across a lifeline: each stays between the lines it joins or beside its own', () => {
  for (const name of scenarios) {
    it(name, () => {
      const found: string[] = [];
      for (const packets of ['captured', 'inferred'] as const) {
        const events = recordedScenario(name, packets);
        for (const { width, options } of [...PAGE, ...PRESENTER]) for (const timeMode of ['event', 'proportional'] as const) for (const locale of LOCALES) {
          const where = `${packets} ${width}px${options.labelSize ? ` ${options.labelSize}px labels` : ''} ${timeMode} ${locale}`;
          found.push(...crossings({ events, width, timeMode, locale, options }).map((line) => `${where}: ${line}`));
        }
      }
      expect(found.slice(0, 12), `${found.length} faults`).toEqual([]);
    }, 180_000);
  }
});
