import { GAP_HEIGHT, STEP_HEIGHT, type LadderLayout } from './layout.ts';

export interface YRange {
  top: number;
  bottom: number;
}

const LABEL_HEIGHT = 24;

const intersects = (y0: number, y1: number, range: YRange) => Math.max(y0, y1) >= range.top && Math.min(y0, y1) <= range.bottom;

/** Only what intersects the visible band is drawn: a session of 20,000 events stays quick to scroll. */
export function visibleItems(layout: LadderLayout, range: YRange) {
  return {
    rows: layout.rows.filter((row) => intersects(row.y, row.y + (row.center - row.y) * 2, range)),
    // Labels sit above arrows and below a state's start: keep a label's height of margin.
    arrows: layout.arrows.filter((arrow) => intersects(arrow.y0 - LABEL_HEIGHT, arrow.y1, range)),
    drops: layout.drops.filter((drop) => intersects(drop.y - LABEL_HEIGHT, drop.y + LABEL_HEIGHT, range)),
    calls: layout.calls.filter((call) => intersects(call.y0, call.y1, range)),
    bands: layout.bands.filter((band) => intersects(band.y0, band.y1 + LABEL_HEIGHT, range)),
    steps: layout.steps.filter((step) => intersects(step.y, step.y + STEP_HEIGHT, range)),
    gaps: layout.gaps.filter((gap) => intersects(gap.y, gap.y + GAP_HEIGHT, range)),
  };
}
