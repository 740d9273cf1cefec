import type { RecordedTrack, Recording } from '@sockscope/protocol';
import { useMemo } from 'react';
import { trackSlot } from '../replay/recording-view.ts';
import type { SessionSlot } from '../session-store.ts';
import { cursorKey, trackOf, useOpenedRecordings, type TrackRef } from './opened-store.ts';

/** What a ladder of a recording knows beyond what a session's does: where it comes from. */
export interface RecordedLadder {
  ref: TrackRef;
  recording: Pick<Recording, 'name' | 'createdAt' | 'origin'>;
  track: RecordedTrack;
}

export interface RecordedSlot {
  key: string;
  slot: SessionSlot;
  recorded: RecordedLadder;
}

/**
 * A track as the page holds a session (ended, every step run), made once per track: a large
 * capture's events are sorted and laid out again only when another track is shown, not when
 * the recording is renamed.
 */
const slots = new WeakMap<RecordedTrack, SessionSlot>();

function slotOf(track: RecordedTrack, recording: Recording): SessionSlot {
  let slot = slots.get(track);
  if (!slot) slots.set(track, (slot = trackSlot(track, recording)));
  return slot;
}

/** The recorded tracks shown, left to right; none while the page shows its live sessions. */
export function useRecordedSlots(): RecordedSlot[] {
  const shown = useOpenedRecordings((state) => state.shown);
  const loaded = useOpenedRecordings((state) => state.loaded);
  return useMemo(() => shown.flatMap((ref) => {
    const recording = loaded[ref.key]?.recording;
    const track = trackOf({ loaded }, ref);
    if (!recording || !track) return [];
    return [{ key: cursorKey(ref), slot: slotOf(track, recording), recorded: { ref, recording, track } }];
  }), [shown, loaded]);
}
