import type { LadderLayout } from './layout.ts';

/** The first row of the latest step: what the last Step added begins here (the end, for a ladder with no rows). */
export function latestStepStart(layout: LadderLayout): number {
  const last = layout.rows.at(-1);
  if (!last) return 0;
  // Rows are laid out step after step: the first of the last step is found by binary search.
  let low = 0;
  let high = layout.rows.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (layout.rows[middle]!.stepIndex < last.stepIndex) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How a row is drawn beside the cursor: in full colour at the cursor and from `freshFrom` on
 * (what the last step added: it is what the class should look at), greyed before the cursor
 * (`past`), faint after it (`later`: not reached yet while stepping back through the events).
 */
export function rowTone(row: number, cursorRow: number, freshFrom: number | undefined): '' | ' past' | ' later' {
  if (cursorRow < 0 || row === cursorRow) return '';
  if (freshFrom !== undefined && row >= freshFrom) return '';
  return row < cursorRow ? ' past' : ' later';
}
