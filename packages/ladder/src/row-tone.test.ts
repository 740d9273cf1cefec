import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { layoutLadder } from './layout.ts';
import { latestStepStart, rowTone } from './row-tone.ts';

const step = (id: number, t: number, index: number): SessionEvent =>
  ({ id, t, kind: 'note', source: 'traced', code: 'step-start', level: 'info', text: `step ${index}`, step: { index, label: `step ${index}` } });
const call = (id: number, t: number, fn: 'listen' | 'accept' | 'socket'): SessionEvent =>
  ({ id, t, kind: 'call', source: 'traced', side: 'server', socket: 's1', fn, phase: 'enter', via: 'test' });

describe('what the last step added, and what is past', () => {
  it('finds the first row of the latest step', () => {
    const layout = layoutLadder([step(1, 0, 0), call(2, 10, 'socket'), call(3, 20, 'listen'), step(4, 30, 1), call(5, 40, 'accept'), call(6, 50, 'socket')], { timeMode: 'event', zoom: 1 });
    expect(layout.rows.map((row) => row.stepIndex)).toEqual([0, 0, 1, 1]);
    expect(latestStepStart(layout)).toBe(2);
    expect(latestStepStart(layoutLadder([], { timeMode: 'event', zoom: 1 }))).toBe(0);
  });

  it('draws the new rows in full colour with the cursor on their first, greys what came before', () => {
    expect([0, 1, 2, 3].map((row) => rowTone(row, 2, 2))).toEqual([' past', ' past', '', '']);
  });

  it('stepping back: earlier rows greyed, rows not reached yet faint, the new ones still in colour', () => {
    expect([0, 1, 2, 3, 4].map((row) => rowTone(row, 1, 3))).toEqual([' past', '', ' later', '', '']);
  });

  it('a recording (nothing new): only the cursor row is in colour', () => {
    expect([0, 1, 2].map((row) => rowTone(row, 1, undefined))).toEqual([' past', '', ' later']);
    expect([0, 1].map((row) => rowTone(row, -1, undefined))).toEqual(['', '']);
  });
});
