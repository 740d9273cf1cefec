import { beforeEach, describe, expect, it } from 'vitest';
import { useViewStore } from './view-store.ts';

const view = () => useViewStore.getState();

describe('the event cursor', () => {
  beforeEach(() => useViewStore.setState(useViewStore.getInitialState(), true));

  it('goes to the first new row after a Step, so the student reads the step from its start', () => {
    view().rowsChanged('a', 0, 4, false);
    expect(view().cursor.a).toBe(3);
    view().requestStep(['a']);
    view().rowsChanged('a', 4, 9, false);
    expect(view().cursor.a).toBe(4);
    expect(view().stepRequested).toEqual({});
  });

  it('keeps the cursor on the step’s first new row while the rest of the step arrives, one row at first', () => {
    view().rowsChanged('a', 0, 4, false);
    view().requestStep(['a']);
    view().rowsChanged('a', 4, 5, false);
    view().rowsChanged('a', 5, 9, false);
    expect(view().cursor.a).toBe(4);
    // Moved by the user to the end, the cursor follows rows that arrive late.
    view().moveCursor('a', 8, 9);
    view().rowsChanged('a', 9, 10, false);
    expect(view().cursor.a).toBe(9);
  });

  it('follows the newest row while running, from the end only', () => {
    view().rowsChanged('a', 0, 5, true);
    view().rowsChanged('a', 5, 8, true);
    expect(view().cursor.a).toBe(7);
    view().moveCursor('a', 2, 8);
    view().rowsChanged('a', 8, 12, true);
    expect(view().cursor.a).toBe(2);
  });

  it('moves within the recorded rows only, and closes the detail of the ladder it moves in', () => {
    view().rowsChanged('a', 0, 3, false);
    view().select({ sessionId: 'a', eventId: 7 });
    view().moveCursor('a', 10, 3);
    expect(view().cursor.a).toBe(2);
    view().moveCursor('a', -4, 3);
    expect(view().cursor.a).toBe(0);
    expect(view().selected).toBeNull();
  });

  it('goes to the row of the verdict after Deliver or Drop, and stays there as the kernels answer', () => {
    view().requestStep(['a']);
    view().rowsChanged('a', 0, 6, false);
    expect(view().cursor.a).toBe(0);
    view().requestVerdict(['a']);
    // Rows that came before the verdict's (a retransmission queued meanwhile) leave the cursor alone…
    view().rowsChanged('a', 6, 7, false, 3);
    expect(view().cursor.a).toBe(0);
    // …or take it to the end, as without a verdict, when it was there.
    view().moveCursor('a', 6, 7);
    view().requestVerdict(['a']);
    view().rowsChanged('a', 7, 8, false, 3);
    expect(view().cursor.a).toBe(7);
    view().rowsChanged('a', 8, 9, false, 8);
    expect(view().cursor.a).toBe(8);
    // At the last row, it stays on the verdict as the kernels go on (a retransmission after a drop)…
    view().rowsChanged('a', 9, 12, false);
    expect(view().cursor.a).toBe(8);
    // …until the student moves it, or steps.
    view().moveCursor('a', 11, 12);
    view().rowsChanged('a', 12, 13, false);
    expect(view().cursor.a).toBe(12);
    expect(view().verdict).toEqual({});
  });

  it('follows a run again after a verdict', () => {
    view().rowsChanged('a', 0, 4, false);
    view().requestVerdict(['a']);
    view().rowsChanged('a', 4, 6, false, 5);
    view().rowsChanged('a', 6, 8, true);
    expect(view().cursor.a).toBe(7);
    view().rowsChanged('a', 8, 9, false);
    expect(view().cursor.a).toBe(8);
  });

  it('moves each compared session to its own first new row after one Step', () => {
    view().requestStep(['tcp', 'udp']);
    view().rowsChanged('tcp', 3, 6, false);
    view().rowsChanged('udp', 2, 3, false);
    expect(view().cursor).toEqual({ tcp: 3, udp: 2 });
  });
});
