import { LadderBuilder, layoutCompared, type LadderLayout } from '@sockscope/ladder';
import { useMemo, useRef } from 'react';
import { usePresenterType } from './presenter-type.ts';
import { useRecordedSlots, type RecordedLadder } from './recordings/recorded-ladders.ts';
import { useSessionStore, type SessionSlot } from './session-store.ts';
import { selectZoom, useViewStore } from './view-store.ts';

export interface ShownLadder {
  place: number;
  /** Keys the ladder's cursor and selection: the session's id, or the recorded track's key. */
  sessionId: string;
  slot: SessionSlot;
  layout: LadderLayout;
  /** Set when the ladder draws a recorded track rather than a live session. */
  recorded?: RecordedLadder;
}

const NO_EVENTS: never[] = [];

/**
 * The shown sessions laid out on one time axis each, lined up by what their programs do when
 * two are compared; or, while a recording is open, its shown tracks, drawn the same way.
 */
export function useLadders(): ShownLadder[] {
  const shown = useSessionStore((state) => state.shown);
  const sessions = useSessionStore((state) => state.sessions);
  const recorded = useRecordedSlots();
  const timeMode = useViewStore((state) => state.timeMode);
  const zoom = useViewStore(selectZoom);
  // Presenter view's bigger type is laid out for, so its labels fit as the page's do.
  const labelSize = usePresenterType()?.labelPx;
  const entries = recorded.length > 0 ? recorded : shown.map((id) => ({ key: id, slot: id === null ? undefined : sessions[id], recorded: undefined }));
  const eventLists = entries.map((entry) => entry.slot?.events ?? NO_EVENTS);
  const infos = entries.map((entry) => entry.slot?.info);
  // A session's info is replaced on every status change; its steps, which the lining up reads, never change.
  const stepsKey = infos.map((info) => info?.steps.map((step) => step.label).join('\n')).join('\0');
  const builders = useRef<LadderBuilder[]>([]);
  const layouts = useMemo(
    () => {
      const options = { timeMode, zoom, ...(labelSize !== undefined && { labelSize }) };
      // Two ladders line up by meaning, each laid out again whole; one alone grows with its new events only.
      if (eventLists.length > 1) {
        return layoutCompared(eventLists.map((events, place) => {
          const info = infos[place];
          return { events, ...(info && { steps: info.steps, proto: info.proto }) };
        }), options);
      }
      return eventLists.map((events, place) => {
        let builder = builders.current[place];
        if (!builder?.fits(options)) builder = builders.current[place] = new LadderBuilder(options);
        return builder.update(events);
      });
    },
    // The page shows at most two ladders; the layouts change only when their events, their steps, the time axis or the zoom do.
    [eventLists[0], eventLists[1], eventLists.length, stepsKey, timeMode, zoom, labelSize],
  );
  return entries.flatMap(({ key, slot, recorded: track }, place) => {
    const layout = layouts[place];
    return key !== null && slot && layout ? [{ place, sessionId: key, slot, layout, ...(track && { recorded: track }) }] : [];
  });
}
