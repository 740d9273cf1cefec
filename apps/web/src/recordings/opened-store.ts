import type { RecordedTrack, Recording } from '@sockscope/protocol';
import { create } from 'zustand';
import { useSessionStore } from '../session-store.ts';
import { useViewStore } from '../view-store.ts';
import type { LoadFailure } from './load-messages.ts';

/** A recording the page holds, its tracks' events on their lanes (see @sockscope/ladder's track-lanes.ts). */
export interface LoadedRecording {
  /** How the page knows it: a saved recording's id, or `import-<n>` for an import until it is saved. */
  key: string;
  /** The server's id, once it is saved. */
  id?: string;
  recording: Recording;
}

/** One ladder of a recording: the recording's key and the track's id. */
export interface TrackRef {
  key: string;
  track: string;
}

export interface Opening {
  id: string;
  name: string;
  bytes: number;
}

export interface OpenedData {
  loaded: Record<string, LoadedRecording>;
  /** The tracks drawn, left to right (one, or two compared); none: the page shows its live sessions. */
  shown: TrackRef[];
  /** A saved recording being fetched and decoded to be shown. */
  opening: Opening | null;
  openFailed: { id: string; name: string; failure: LoadFailure } | null;
}

export interface OpenedActions {
  /** Holds a recording and shows its first track, in place of what is shown or beside it. */
  add(loaded: LoadedRecording, compare?: boolean): void;
  /** A saved recording is being fetched (see open-recording.ts), has read `bytes`, or is no longer. */
  setOpening(opening: Opening | null): void;
  setOpenFailed(failed: OpenedData['openFailed']): void;
  /** Shows another track in a place (0 or 1). */
  chooseTrack(place: number, ref: TrackRef): void;
  /** Shows `ref` beside the first track, or only the first one when null. */
  compareWith(ref: TrackRef | null): void;
  /** Back to the live sessions. */
  close(): void;
  saved(key: string, id: string): void;
  renamed(id: string, name: string): void;
  deleted(id: string): void;
}

export type OpenedState = OpenedData & OpenedActions;

export const initialOpened: OpenedData = { loaded: {}, shown: [], opening: null, openFailed: null };

/** The key that holds a ladder's cursor and selection in the view store. */
export const cursorKey = (ref: TrackRef) => `recording:${ref.key}/${ref.track}`;

export function trackOf(state: Pick<OpenedData, 'loaded'>, ref: TrackRef): RecordedTrack | undefined {
  return state.loaded[ref.key]?.recording.tracks.find((track) => track.id === ref.track);
}

export function firstTrack(loaded: LoadedRecording): TrackRef | undefined {
  const track = loaded.recording.tracks[0];
  return track && { key: loaded.key, track: track.id };
}

/** The loaded recording a saved id stands for, whether it was opened by that id or imported and saved since. */
export function loadedById(state: Pick<OpenedData, 'loaded'>, id: string): LoadedRecording | undefined {
  return state.loaded[id] ?? Object.values(state.loaded).find((loaded) => loaded.id === id);
}

/**
 * Shows `refs` (the tracks that exist of them) and lets go of the recordings no longer shown
 * that the server keeps: they load again on demand. An import not saved stays, or it would be lost.
 */
export function showTracks<S extends OpenedData>(state: S, refs: readonly TrackRef[]): S {
  const shown = refs.filter((ref) => trackOf(state, ref)).slice(0, 2);
  const loaded = Object.fromEntries(Object.entries(state.loaded)
    .filter(([key, recording]) => recording.id === undefined || shown.some((ref) => ref.key === key)));
  return { ...state, shown, loaded };
}

function withRecording<S extends OpenedData>(state: S, key: string, change: (loaded: LoadedRecording) => LoadedRecording): S {
  const held = state.loaded[key];
  return held ? { ...state, loaded: { ...state.loaded, [key]: change(held) } } : state;
}

export function renamedIn<S extends OpenedData>(state: S, id: string, name: string): S {
  const held = loadedById(state, id);
  return held ? withRecording(state, held.key, (loaded) => ({ ...loaded, recording: { ...loaded.recording, name } })) : state;
}

/** A deleted recording leaves the view; an import whose saved copy was deleted is still the page's own. */
export function deletedIn<S extends OpenedData>(state: S, id: string): S {
  const held = loadedById(state, id);
  if (!held) return state;
  if (held.key !== id) {
    const { id: _gone, ...unsaved } = held;
    return { ...state, loaded: { ...state.loaded, [held.key]: unsaved } };
  }
  const { [id]: _removed, ...loaded } = state.loaded;
  return { ...state, loaded, shown: state.shown.filter((ref) => ref.key !== id) };
}

/** The cursor of a recording starts at its first event, as a step's rows are read from their first. */
function startCursors(refs: readonly TrackRef[]): void {
  useViewStore.getState().requestStep(refs.map(cursorKey));
  useViewStore.getState().select(null);
}

export const useOpenedRecordings = create<OpenedState>()((set, get) => {
  const show = (refs: TrackRef[]) => {
    set((state) => showTracks(state, refs));
    startCursors(get().shown);
  };
  const placeBeside = (ref: TrackRef | undefined, compare: boolean) => {
    if (!ref) return;
    const first = get().shown[0];
    show(compare && first ? [first, ref] : [ref]);
  };
  return {
    ...initialOpened,
    add: (loaded, compare = false) => {
      set((state) => ({ loaded: { ...state.loaded, [loaded.key]: loaded } }));
      placeBeside(firstTrack(loaded), compare);
    },
    setOpening: (opening) => set({ opening }),
    setOpenFailed: (openFailed) => set({ openFailed }),
    chooseTrack: (place, ref) => {
      const next = get().shown.slice(0, 2);
      next[Math.min(place, next.length)] = ref;
      show(next);
    },
    compareWith: (ref) => {
      const first = get().shown[0];
      if (first) show(ref ? [first, ref] : [first]);
    },
    close: () => set((state) => showTracks(state, [])),
    saved: (key, id) => set((state) => withRecording(state, key, (loaded) => ({ ...loaded, id }))),
    renamed: (id, name) => set((state) => renamedIn(state, id, name)),
    deleted: (id) => set((state) => deletedIn(state, id)),
  };
});

export const selectShowingRecording = (state: OpenedData) => state.shown.length > 0;

/**
 * A session the user starts is shown at once, in place of a recording: the session store's
 * `show` (places waiting for their sessions) is the moment.
 */
export function closeRecordingOnNewSession(): () => void {
  return useSessionStore.subscribe((state, previous) => {
    if (state.shown !== previous.shown && state.shown.length > 0 && state.shown.every((id) => id === null)) {
      useOpenedRecordings.getState().close();
    }
  });
}
