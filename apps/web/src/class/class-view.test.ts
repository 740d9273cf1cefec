import { ClassView, type ClassShown } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { classViewOf, followedParts, rowOf, sameShown } from './class-view.ts';

// Two ladders whose rows hold events by id; the second row of the first holds two (a segment and its state change).
const ladders = [
  { sessionId: 'a', layout: { rows: [{ eventIds: [1] }, { eventIds: [2, 3] }, { eventIds: [4] }] } },
  { sessionId: 'b', layout: { rows: [{ eventIds: [1] }, { eventIds: [5] }] } },
];
const live: ClassShown = { kind: 'live', sessions: ['a', 'b'] };
const parts = { cursor: { a: 1, b: 0 }, focus: 1, selected: { sessionId: 'b', eventId: 5 }, timeMode: 'proportional', zoomIndex: 4 } as const;

describe('the class view', () => {
  it('names the cursor and the selection by event and place, and is what the protocol accepts', () => {
    const view = classViewOf(live, ladders, parts);
    expect(view).toEqual({ shown: live, cursor: [2, 1], focus: 1, selected: { place: 1, eventId: 5 }, timeMode: 'proportional', zoomIndex: 4, code: false });
    expect(ClassView.parse(view)).toEqual(view);
    // The Code pane the teacher shows goes along.
    expect(ClassView.parse(classViewOf(live, ladders, parts, true)).code).toBe(true);
    expect(classViewOf(live, ladders, { ...parts, cursor: {}, selected: { sessionId: 'gone', eventId: 9 } })).toMatchObject({ cursor: [null, null], selected: null });
  });

  it('puts a follower\'s cursor on the teacher\'s events, whatever row they are on here', () => {
    const view = classViewOf(live, ladders, parts);
    // The follower's first ladder has one more row before the teacher's event: a packet drawn earlier by its time.
    const follower = [{ sessionId: 'a', layout: { rows: [{ eventIds: [1] }, { eventIds: [7] }, { eventIds: [2, 3] }] } }, ladders[1]!];
    const now = { cursor: { a: 2, b: 1 }, focus: 0, selected: null, timeMode: 'event', zoomIndex: 2 } as const;
    expect(followedParts(view, follower, now)).toEqual({ cursor: { a: 2, b: 0 }, focus: 1, selected: { sessionId: 'b', eventId: 5 } });
    // Already there: nothing to change.
    expect(followedParts(view, follower, { ...now, cursor: { a: 2, b: 0 }, focus: 1, selected: { sessionId: 'b', eventId: 5 } })).toBeNull();
  });

  it('leaves a cursor alone until the follower has the teacher\'s event', () => {
    const view = { ...classViewOf(live, ladders, parts), cursor: [40, null] };
    expect(followedParts(view, ladders, { ...parts, cursor: { a: 0, b: 1 } })).toBeNull();
    expect(followedParts(view, ladders, { ...parts, cursor: { a: 0, b: 1 }, focus: 0 })?.cursor).toEqual({ a: 0, b: 1 });
    expect(rowOf(ladders[0]!.layout, 3)).toBe(1);
    expect(rowOf(ladders[0]!.layout, 40)).toBe(-1);
  });

  it('tells the same sessions and the same recording\'s tracks apart from others', () => {
    const recording: ClassShown = { kind: 'recording', id: 'r1', name: 'echo', tracks: ['t1'] };
    expect(sameShown(live, { kind: 'live', sessions: ['a', 'b'] })).toBe(true);
    expect(sameShown(live, { kind: 'live', sessions: ['a'] })).toBe(false);
    expect(sameShown(recording, { ...recording, name: 'renamed' })).toBe(true);
    expect(sameShown(recording, { ...recording, tracks: ['t2'] })).toBe(false);
    expect(sameShown(recording, live)).toBe(false);
    expect(sameShown(live, recording)).toBe(false);
  });
});
