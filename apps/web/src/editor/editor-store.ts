import type { ScenarioStep } from '@sockscope/protocol';
import { create } from 'zustand';
import {
  addStep, moveStep, removeStep, replaceStep, restoreDraft, switchProto, type Draft, type Proto,
} from './draft.ts';

/** Where the draft is kept, so a reload (or a closed tab) does not lose a teacher's work. */
export const DRAFT_STORAGE_KEY = 'sockscope.scenario-draft';

export type DraftText = 'name' | 'title' | 'description' | 'message';

export interface EditorData {
  open: boolean;
  /** Null until the teacher starts writing, copies a scenario or loads a file. */
  draft: Draft | null;
  /** The draft that New, a copy or a loaded file replaced, until it is brought back or the editor closes. */
  replaced: Draft | null;
}

export interface EditorActions {
  /** Opens the editor on the kept draft, or on `fresh` when there is none. */
  openEditor(fresh: Draft): void;
  closeEditor(): void;
  /** Opens the editor on a new draft; the one it replaces can be brought back. */
  replaceDraft(draft: Draft): void;
  bringBack(): void;
  setText(field: DraftText, value: string): void;
  /** Switches protocol, removing the steps the other one cannot run (the editor asks first). */
  setProto(proto: Proto): void;
  addStep(): void;
  updateStep(id: number, step: ScenarioStep): void;
  moveStep(id: number, by: -1 | 1): void;
  removeStep(id: number): void;
}

export type EditorState = EditorData & EditorActions;

/** JSON has no NaN: a cleared number is stored as null and comes back as NaN, still cleared. */
function readStored(): Pick<EditorData, 'open' | 'draft'> {
  try {
    const text = globalThis.localStorage?.getItem(DRAFT_STORAGE_KEY);
    if (!text) return { open: false, draft: null };
    const stored = JSON.parse(text, (_key, value: unknown) => (value === null ? Number.NaN : value)) as { open?: unknown; draft?: unknown };
    const draft = restoreDraft(stored.draft);
    return { open: draft !== null && stored.open === true, draft };
  } catch {
    return { open: false, draft: null }; // storage disabled, or not written by this page
  }
}

function writeStored(data: Pick<EditorData, 'open' | 'draft'>): void {
  try {
    globalThis.localStorage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(data));
  } catch {
    // not kept (storage full or disabled); the draft still lives in this page
  }
}

/** Applies an edit of the steps to the draft, if there is one. */
function editSteps(state: EditorData, edit: (draft: Draft) => Draft['steps']): Partial<EditorData> {
  return state.draft ? { draft: { ...state.draft, steps: edit(state.draft) } } : {};
}

export const createEditorStore = (initial: EditorData) => create<EditorState>()((set) => ({
  ...initial,
  openEditor: (fresh) => set((state) => ({ open: true, draft: state.draft ?? fresh })),
  closeEditor: () => set({ open: false, replaced: null }),
  replaceDraft: (draft) => set((state) => ({ open: true, draft, replaced: state.draft })),
  bringBack: () => set((state) => (state.replaced ? { draft: state.replaced, replaced: state.draft } : {})),
  setText: (field, value) => set((state) => (state.draft ? { draft: { ...state.draft, [field]: value } } : {})),
  setProto: (proto) => set((state) => (state.draft
    ? { draft: { ...state.draft, proto, steps: switchProto(state.draft.steps, proto).steps } } : {})),
  addStep: () => set((state) => editSteps(state, (draft) => addStep(draft.steps, draft.proto))),
  updateStep: (id, step) => set((state) => editSteps(state, (draft) => replaceStep(draft.steps, id, step))),
  moveStep: (id, by) => set((state) => editSteps(state, (draft) => moveStep(draft.steps, id, by))),
  removeStep: (id) => set((state) => editSteps(state, (draft) => removeStep(draft.steps, id))),
}));

export const useEditorStore = createEditorStore({ ...readStored(), replaced: null });

useEditorStore.subscribe((state, previous) => {
  if (state.draft !== previous.draft || state.open !== previous.open) writeStored({ open: state.open, draft: state.draft });
});

export const selectEditorOpen = (state: EditorData) => state.open;
export const selectDraft = (state: EditorData) => state.draft;
export const selectReplaced = (state: EditorData) => state.replaced;
