import { useMemo } from 'react';
import { layoutAligned, type LadderLayout } from './ladder/layout.ts';
import { useSessionStore, type SessionSlot } from './session-store.ts';
import { selectZoom, useViewStore } from './view-store.ts';

export interface ShownLadder {
  place: number;
  sessionId: string;
  slot: SessionSlot;
  layout: LadderLayout;
}

const NO_EVENTS: never[] = [];

/** The shown sessions laid out on one time axis each, lined up step by step when two are compared. */
export function useLadders(): ShownLadder[] {
  const shown = useSessionStore((state) => state.shown);
  const sessions = useSessionStore((state) => state.sessions);
  const timeMode = useViewStore((state) => state.timeMode);
  const zoom = useViewStore(selectZoom);
  const slots = shown.map((id) => (id === null ? undefined : sessions[id]));
  const eventLists = slots.map((slot) => slot?.events ?? NO_EVENTS);
  const layouts = useMemo(
    () => layoutAligned(eventLists, { timeMode, zoom }),
    // The page shows at most two sessions; the layouts change only when their events, the time axis or the zoom do.
    [eventLists[0], eventLists[1], eventLists.length, timeMode, zoom],
  );
  return shown.flatMap((id, place) => {
    const slot = slots[place];
    const layout = layouts[place];
    return id !== null && slot && layout ? [{ place, sessionId: id, slot, layout }] : [];
  });
}
