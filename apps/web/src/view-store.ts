import type { TimeMode } from '@sockscope/ladder';
import { create } from 'zustand';

export const ZOOM_LEVELS = [0.5, 0.75, 1, 1.5, 2, 4, 10, 40, 100, 400] as const;
export const PACES_MS = [300, 700, 1500] as const;

export interface ViewData {
  timeMode: TimeMode;
  zoomIndex: number;
  paceMs: number;
  /** The cursor's row in each session's ladder. */
  cursor: Record<string, number>;
  /** Sessions just stepped: when the step's rows arrive, the cursor goes to the first of them, not the last. */
  stepRequested: Record<string, true>;
  /**
   * Sessions given a verdict (Deliver, Drop): when its row arrives (`requested`), the cursor goes
   * to it and stays there (`shown`) as the kernels answer, until the user moves it or acts again.
   */
  verdict: Record<string, 'requested' | 'shown'>;
  /**
   * Sessions whose cursor a Step put on its first new row: it stays there while the rest of the
   * step's rows arrive (in more than one batch), until the user moves it.
   */
  stepPlaced: Record<string, true>;
  /** The ladder (by place) that ← and → move. */
  focus: number;
  /** The event whose detail is open. */
  selected: { sessionId: string; eventId: number } | null;
  /** Whether the kernel's socket table and the state diagram are shown beside the ladder. */
  kernelView: boolean;
  /**
   * The socket whose TCP states the diagram follows, per session, as last chosen in its list or
   * by clicking an event of that socket; unset, the diagram follows the client's socket.
   */
  diagramSocket: Record<string, string>;
}

export interface ViewActions {
  setTimeMode(mode: TimeMode): void;
  zoom(by: 1 | -1): void;
  setPace(ms: number): void;
  requestStep(sessionIds: readonly string[]): void;
  requestVerdict(sessionIds: readonly string[]): void;
  /**
   * A session's ladder has `count` rows now (it had `before`); `live` when it is running;
   * `verdictRow`, the row of the user's newest verdict, when one was requested.
   */
  rowsChanged(sessionId: string, before: number, count: number, live: boolean, verdictRow?: number): void;
  moveCursor(sessionId: string, row: number, count: number): void;
  setFocus(place: number): void;
  select(selection: ViewData['selected']): void;
  setKernelView(shown: boolean): void;
  chooseDiagramSocket(sessionId: string, socket: string): void;
}

export const initialView: ViewData = {
  timeMode: 'event', zoomIndex: 2, paceMs: 700, cursor: {}, stepRequested: {}, stepPlaced: {}, verdict: {}, focus: 0, selected: null,
  // Beside the ladder where the screen is wide enough for both; opened on demand on a narrower one.
  kernelView: typeof window === 'undefined' || window.innerWidth >= 1400, diagramSocket: {},
};

export const useViewStore = create<ViewData & ViewActions>()((set) => ({
  ...initialView,
  setTimeMode: (timeMode) => set({ timeMode, zoomIndex: 2 }),
  zoom: (by) => set((state) => ({ zoomIndex: Math.min(ZOOM_LEVELS.length - 1, Math.max(0, state.zoomIndex + by)) })),
  setPace: (paceMs) => set({ paceMs }),
  requestStep: (sessionIds) => set((state) => ({
    stepRequested: Object.fromEntries(sessionIds.map((id) => [id, true] as const)), verdict: without(state.verdict, sessionIds),
  })),
  requestVerdict: (sessionIds) => set((state) => ({
    verdict: { ...state.verdict, ...Object.fromEntries(sessionIds.map((id) => [id, 'requested'] as const)) },
  })),
  rowsChanged: (sessionId, before, count, live, verdictRow) => set((state) => {
    if (count <= before) return state;
    // After Deliver or Drop the student reads what became of the packet, whatever the kernels do after it.
    const verdict = state.verdict[sessionId];
    if (verdict === 'requested' && verdictRow !== undefined && verdictRow >= before) {
      return { cursor: { ...state.cursor, [sessionId]: verdictRow }, verdict: { ...state.verdict, [sessionId]: 'shown' } };
    }
    if (verdict === 'shown' && !live) return state;
    // After a Step the student reads the step's events from its first; a run, or a reload, shows the latest
    // to a cursor that was at the end, and leaves alone one that was reading earlier events.
    if (state.stepRequested[sessionId] && !live) {
      const { [sessionId]: _done, ...stillWaiting } = state.stepRequested;
      return { cursor: { ...state.cursor, [sessionId]: before }, stepRequested: stillWaiting, stepPlaced: { ...state.stepPlaced, [sessionId]: true } };
    }
    if (state.stepPlaced[sessionId] && !live) return state;
    const at = state.cursor[sessionId];
    if (at !== undefined && at < before - 1) return state;
    // A run follows the newest row: a verdict shown before it no longer holds the cursor.
    return {
      cursor: { ...state.cursor, [sessionId]: count - 1 }, stepPlaced: without(state.stepPlaced, [sessionId]),
      ...(live && { verdict: without(state.verdict, [sessionId]) }),
    };
  }),
  moveCursor: (sessionId, row, count) => set((state) => ({
    cursor: { ...state.cursor, [sessionId]: Math.min(count - 1, Math.max(0, row)) },
    verdict: without(state.verdict, [sessionId]),
    stepPlaced: without(state.stepPlaced, [sessionId]),
    selected: state.selected?.sessionId === sessionId ? null : state.selected,
  })),
  setFocus: (focus) => set({ focus }),
  select: (selected) => set({ selected }),
  setKernelView: (kernelView) => set({ kernelView }),
  chooseDiagramSocket: (sessionId, socket) => set((state) => ({ diagramSocket: { ...state.diagramSocket, [sessionId]: socket } })),
}));

function without<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

export const selectZoom = (state: ViewData) => ZOOM_LEVELS[state.zoomIndex] ?? 1;
