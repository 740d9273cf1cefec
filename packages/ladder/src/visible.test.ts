import { recordedScenario, recordedScenarios } from '@sockscope/recordings/test-sessions';
import { describe, expect, it } from 'vitest';
import { LadderBuilder } from './layout-builder.ts';
import { GAP_HEIGHT, layoutLadder, STEP_HEIGHT, type LadderLayout, type LayoutOptions } from './layout.ts';
import { visibleItems, type YRange } from './visible.ts';

const LABEL = 24;
const crosses = (y0: number, y1: number, range: YRange) => Math.max(y0, y1) >= range.top && Math.min(y0, y1) <= range.bottom;

/** Every item looked at: what the search must find. */
function scanned(layout: LadderLayout, range: YRange) {
  return {
    rows: layout.rows.filter((row) => crosses(row.y, row.y + (row.center - row.y) * 2, range)),
    arrows: layout.arrows.filter((arrow) => crosses(arrow.y0 - LABEL, arrow.y1, range)),
    drops: layout.drops.filter((drop) => crosses(drop.y - LABEL, drop.y + LABEL, range)),
    calls: layout.calls.filter((call) => crosses(call.y0, call.y1, range)),
    bands: layout.bands.filter((band) => crosses(band.y0, band.y1 + LABEL, range)),
    steps: layout.steps.filter((step) => crosses(step.y, step.y + STEP_HEIGHT, range)),
    gaps: layout.gaps.filter((gap) => crosses(gap.y, gap.y + GAP_HEIGHT, range)),
  };
}

/** Bands of the ladder's height, some a few pixels tall, some taller than the screen. */
function ranges(height: number): YRange[] {
  const found: YRange[] = [];
  for (let top = -700; top < height + 700; top += 137) for (const size of [3, 400, 2500, 9000]) found.push({ top, bottom: top + size });
  return found;
}

describe('what is drawn of a ladder', () => {
  const options: LayoutOptions[] = [{ timeMode: 'event', zoom: 1 }, { timeMode: 'proportional', zoom: 3 }, { timeMode: 'event', zoom: 0.25 }];

  it('is every item that crosses the visible band, in drawing order, for every built-in scenario', () => {
    for (const name of recordedScenarios()) {
      for (const option of options) {
        const layout = layoutLadder(recordedScenario(name), option);
        for (const range of ranges(layout.height)) expect(visibleItems(layout, range), `${name} ${range.top}`).toEqual(scanned(layout, range));
      }
    }
  });

  it('stays right while a ladder grows: a call still waiting, a state still open, are found far below where they began', () => {
    const events = recordedScenario('tcp-echo');
    const builder = new LadderBuilder(options[0]!);
    for (let cut = 1; cut <= events.length; cut += 3) {
      const layout = builder.update(events.slice(0, cut));
      for (const range of ranges(layout.height)) expect(visibleItems(layout, range)).toEqual(scanned(layout, range));
    }
  });

  it('finds a state that began thousands of rows above the view', () => {
    const one = recordedScenario('tcp-echo');
    const listening = layoutLadder(one, options[0]!).bands.find((band) => band.state === 'LISTEN');
    const zoomed = layoutLadder(one, { timeMode: 'proportional', zoom: 200 });
    const band = zoomed.bands.find((candidate) => candidate.event.id === listening?.event.id)!;
    expect(band.y1 - band.y0).toBeGreaterThan(2000);
    const middle = (band.y0 + band.y1) / 2;
    expect(visibleItems(zoomed, { top: middle, bottom: middle + 10 }).bands).toContain(band);
  });
});
