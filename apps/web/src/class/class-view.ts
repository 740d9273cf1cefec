import type { ClassShown, ClassView } from '@sockscope/protocol';
import type { ViewData } from '../view-store.ts';

/** What the class view needs of a shown ladder. */
export interface ViewedLadder {
  /** The key of its cursor and selection in the view store. */
  sessionId: string;
  /** Its rows (a LadderLayout's), each the events drawn on it. */
  layout: Rows;
}

interface Rows {
  rows: readonly { eventIds: readonly number[] }[];
}

type ViewParts = Pick<ViewData, 'cursor' | 'focus' | 'selected' | 'timeMode' | 'zoomIndex'>;

/** The teacher's view as the class receives it: what is shown, and the cursor and selection as events, not rows; whether the Code pane is open. */
export function classViewOf(shown: ClassShown, ladders: readonly ViewedLadder[], view: ViewParts, code = false): ClassView {
  const place = ladders.findIndex((ladder) => ladder.sessionId === view.selected?.sessionId);
  return {
    shown,
    cursor: ladders.slice(0, 2).map((ladder) => ladder.layout.rows[view.cursor[ladder.sessionId] ?? -1]?.eventIds[0] ?? null),
    focus: Math.max(0, Math.min(view.focus, ladders.length - 1, 1)),
    selected: view.selected && place >= 0 && place < 2 ? { place, eventId: view.selected.eventId } : null,
    timeMode: view.timeMode,
    zoomIndex: view.zoomIndex,
    code,
  };
}

/** The row that holds an event; -1 while the page does not have it yet. */
export function rowOf(layout: Rows, eventId: number): number {
  return layout.rows.findIndex((row) => row.eventIds.includes(eventId));
}

/**
 * The view store's cursor, focus and selection that show a teacher's view on these ladders;
 * null when they already do. An event the page does not hold yet leaves that cursor where it is.
 */
export function followedParts(view: ClassView, ladders: readonly ViewedLadder[], now: ViewParts): Pick<ViewData, 'cursor' | 'focus' | 'selected'> | null {
  const cursor = { ...now.cursor };
  ladders.forEach((ladder, place) => {
    const eventId = view.cursor[place];
    const row = eventId === null || eventId === undefined ? -1 : rowOf(ladder.layout, eventId);
    if (row >= 0) cursor[ladder.sessionId] = row;
  });
  const selectedLadder = view.selected ? ladders[view.selected.place] : undefined;
  const selected = view.selected && selectedLadder ? { sessionId: selectedLadder.sessionId, eventId: view.selected.eventId } : null;
  const focus = Math.min(view.focus, Math.max(0, ladders.length - 1));
  const same = focus === now.focus && selected?.sessionId === now.selected?.sessionId && selected?.eventId === now.selected?.eventId
    && ladders.every((ladder) => cursor[ladder.sessionId] === now.cursor[ladder.sessionId]);
  return same ? null : { cursor, focus, selected };
}

/** The same sessions, or the same recording's same tracks (a recording renamed since is still the same one). */
export function sameShown(a: ClassShown, b: ClassShown): boolean {
  if (a.kind === 'live') return b.kind === 'live' && a.sessions.join(',') === b.sessions.join(',');
  return b.kind === 'recording' && a.id === b.id && a.tracks.join(',') === b.tracks.join(',');
}
