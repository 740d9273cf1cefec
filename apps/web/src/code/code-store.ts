import type { ProgramRuntime } from '@sockscope/protocol';
import { create } from 'zustand';
import type { SessionData } from '../session-store.ts';

interface CodeData {
  /** Whether the Code pane is open on the page, and in presenter view (off there until opened there). */
  open: { page: boolean; presenting: boolean };
  /** The program runtime the user chose in the form; null until they choose (then the server's default). */
  runtime: ProgramRuntime | null;
}

interface CodeActions {
  setOpen(presenting: boolean, open: boolean): void;
  chooseRuntime(runtime: ProgramRuntime): void;
}

export const initialCode: CodeData = { open: { page: false, presenting: false }, runtime: null };

export const useCodeStore = create<CodeData & CodeActions>()((set) => ({
  ...initialCode,
  setOpen: (presenting, open) => set((state) => ({ open: { ...state.open, [presenting ? 'presenting' : 'page']: open } })),
  chooseRuntime: (runtime) => set({ runtime }),
}));

export const selectCodeOpen = (state: CodeData) => state.open;
export const selectRuntime = (state: CodeData) => state.runtime;

/** Python where the server can run it, else Node; until the server has said, Node (what every server runs). */
export const defaultRuntime = (session: Pick<SessionData, 'python'>): ProgramRuntime => (session.python?.available ? 'python' : 'node');

/** What a new session runs: the user's choice, but never Python where the server cannot run it. */
export function runtimeToOpen(chosen: ProgramRuntime | null, session: Pick<SessionData, 'python'>): ProgramRuntime {
  if (session.python?.available === false) return 'node';
  return chosen ?? defaultRuntime(session);
}
