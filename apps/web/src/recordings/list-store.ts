import { RecordingName, type RecordingSummary } from '@sockscope/protocol';
import { create } from 'zustand';
import { ApiFailure, deleteRecording, listRecordings, renameRecording } from './api.ts';
import { useOpenedRecordings } from './opened-store.ts';

export interface ListData {
  /** The server's recordings, newest first; null until it has answered once. */
  recordings: RecordingSummary[] | null;
  loading: boolean;
  /** Why the list could not be fetched (the list shown, if any, is the last one that was). */
  error: ApiFailure | null;
}

export interface ListActions {
  refresh(): Promise<void>;
  /** Renames on the server; throws ApiFailure for the row to show. */
  rename(id: string, name: string): Promise<void>;
  /** Deletes on the server; throws ApiFailure for the row to show. */
  remove(id: string): Promise<void>;
}

export function replaced(list: RecordingSummary[] | null, summary: RecordingSummary): RecordingSummary[] | null {
  return list && list.map((recording) => (recording.id === summary.id ? summary : recording));
}

export function without(list: RecordingSummary[] | null, id: string): RecordingSummary[] | null {
  return list && list.filter((recording) => recording.id !== id);
}

/** What is wrong with a name, by the API's own rule (RecordingName), so the page refuses what the server would. */
export function nameProblem(name: string): 'empty' | 'long' | 'control' | null {
  const parsed = RecordingName.safeParse(name);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'too_small') return 'empty';
  if (issue?.code === 'too_big') return 'long';
  return 'control';
}

const asFailure = (error: unknown) => (error instanceof ApiFailure ? error : new ApiFailure('network', String(error)));

/** Answers to refreshes started earlier than the one shown are dropped: the list never goes back in time. */
let refreshes = 0;

export const useListStore = create<ListData & ListActions>()((set) => ({
  recordings: null,
  loading: false,
  error: null,
  refresh: async () => {
    refreshes += 1;
    const mine = refreshes;
    set({ loading: true });
    try {
      const recordings = await listRecordings();
      if (mine === refreshes) set({ recordings, loading: false, error: null });
    } catch (error) {
      if (mine === refreshes) set({ loading: false, error: asFailure(error) });
    }
  },
  rename: async (id, name) => {
    const summary = await renameRecording(id, name.trim()).catch((error: unknown) => { throw asFailure(error); });
    set((state) => ({ recordings: replaced(state.recordings, summary) }));
    useOpenedRecordings.getState().renamed(id, summary.name);
  },
  remove: async (id) => {
    await deleteRecording(id).catch((error: unknown) => {
      // Already gone (deleted from another tab): what the user wanted is done.
      if (!(error instanceof ApiFailure && error.code === 'not-found')) throw asFailure(error);
    });
    set((state) => ({ recordings: without(state.recordings, id) }));
    useOpenedRecordings.getState().deleted(id);
  },
}));
