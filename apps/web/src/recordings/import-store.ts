import type { BrokenPacket } from '@sockscope/protocol';
import { create } from 'zustand';
import { ApiFailure, saveImport } from './api.ts';
import type { Loaded } from './assembly.ts';
import { useListStore } from './list-store.ts';
import type { LoadFailure } from './load-messages.ts';
import { startLoad } from './loader.ts';
import { useOpenedRecordings } from './opened-store.ts';

export type SaveState =
  | { status: 'saving' }
  | { status: 'saved'; id: string }
  | { status: 'failed'; code: ApiFailure['code']; message: string };

/** The file being imported (`id` counts the imports of this page), or the last one: each phase is what the page shows of it. */
export type ImportJob = { id: number; file: string } & (
  | { phase: 'reading'; size: number; bytes: number; packets: number }
  | { phase: 'receiving'; size: number; received: number; total: number }
  | { phase: 'refused'; failure: LoadFailure }
  | { phase: 'cancelled' }
  | {
    /** `packets`: every packet of a capture, drawn or not (ARP, a broken one). */
    phase: 'done'; kind: Loaded['kind']; tracks: number; packets: number;
    problems: BrokenPacket[]; problemCount: number; save: SaveState;
  }
);

/** The key the page holds an import under until it is saved (see opened-store.ts). */
export const importKey = (job: Pick<ImportJob, 'id'>) => `import-${job.id}`;

export interface ImportData {
  job: ImportJob | null;
}

export interface ImportActions {
  /** Decodes the file off the main thread, draws it, then saves it on the server. */
  start(file: File): void;
  /** Saves the last import again, after the server refused it or could not be reached. */
  retrySave(): void;
  cancel(): void;
  dismiss(): void;
}

/** Only a job still decoding moves on, and only by its own replies: a late one from a cancelled job changes nothing. */
export function progressed(job: ImportJob | null, next: ImportJob): ImportJob | null {
  return job && job.id === next.id && (job.phase === 'reading' || job.phase === 'receiving') ? next : job;
}

export function savedAs(job: ImportJob | null, id: number, save: SaveState): ImportJob | null {
  return job?.phase === 'done' && job.id === id ? { ...job, save } : job;
}

let cancelJob: (() => void) | undefined;
let imports = 0;
/** The last file decoded, kept until it is saved: its bytes are what the server keeps for pcap export. */
let unsaved: { id: number; file: File } | undefined;

export const useImportStore = create<ImportData & ImportActions>()((set, get) => {
  const save = async (file: File, id: number) => {
    set((state) => ({ job: savedAs(state.job, id, { status: 'saving' }) }));
    try {
      const { recording } = await saveImport(file);
      if (unsaved?.id === id) unsaved = undefined;
      useOpenedRecordings.getState().saved(importKey({ id }), recording.id);
      set((state) => ({ job: savedAs(state.job, id, { status: 'saved', id: recording.id }) }));
      void useListStore.getState().refresh();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure('network', String(error));
      set((state) => ({ job: savedAs(state.job, id, { status: 'failed', code: failure.code, message: failure.message }) }));
    }
  };
  return {
    job: null,
    start: (file) => {
      cancelJob?.();
      imports += 1;
      const job = { id: imports, file: file.name };
      set({ job: { ...job, phase: 'reading', size: file.size, bytes: 0, packets: 0 } });
      const move = (next: ImportJob) => set((state) => ({ job: progressed(state.job, next) }));
      cancelJob = startLoad({ type: 'file', file }, {
        reading: (bytes, packets) => move({ ...job, phase: 'reading', size: file.size, bytes, packets }),
        receiving: (received, total) => move({ ...job, phase: 'receiving', size: file.size, received, total }),
        failed: (failure) => {
          cancelJob = undefined;
          move({ ...job, phase: 'refused', failure });
        },
        done: (loaded) => {
          cancelJob = undefined;
          const { recording, kind, problems, problemCount } = loaded;
          move({
            ...job, phase: 'done', kind, tracks: recording.tracks.length, packets: recording.origin.kind === 'capture' ? recording.origin.packets : 0,
            problems, problemCount, save: { status: 'saving' },
          });
          useOpenedRecordings.getState().add({ key: importKey(job), recording });
          unsaved = { id: job.id, file };
          void save(file, job.id);
        },
      });
    },
    retrySave: () => {
      const job = get().job;
      if (unsaved && job?.phase === 'done' && job.id === unsaved.id && job.save.status === 'failed') void save(unsaved.file, unsaved.id);
    },
    cancel: () => {
      cancelJob?.();
      cancelJob = undefined;
      const { job } = get();
      if (job) set({ job: progressed(job, { id: job.id, file: job.file, phase: 'cancelled' }) });
    },
    dismiss: () => {
      cancelJob?.();
      cancelJob = undefined;
      set({ job: null });
    },
  };
});
