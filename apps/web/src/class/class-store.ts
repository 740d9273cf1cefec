import type { ClassReach, ClassView, ServerMessage } from '@sockscope/protocol';
import { create } from 'zustand';

export type ClassRole = 'teacher' | 'student';

export interface ClassData {
  /** The class this page opened or joined; null while it is in none. */
  code: string | null;
  /** Null until the server has said (a page that asked to join is a student until then). */
  role: ClassRole | null;
  status: 'open' | 'ended';
  /** Students following, each browser once (the teacher's page hears it). */
  students: number;
  reach: ClassReach | null;
  /** A student's page: the teacher's latest view. */
  view: ClassView | null;
  /** A student's page shows the teacher's view; it stops when the student moves on their own. */
  following: boolean;
  /** The teacher's dialog with the link, the QR code and the count. */
  dialogOpen: boolean;
}

export interface ClassActions {
  /** This page asked to follow the class `code` (from the link). */
  joining(code: string): void;
  /** The server's word on the class (opened, joined, its count, or its end). */
  received(message: Extract<ServerMessage, { type: 'class' }>): void;
  viewReceived(view: ClassView): void;
  /** The class this page asked for does not exist (any more): the page is in none. */
  left(): void;
  follow(): void;
  stopFollowing(): void;
  setDialogOpen(open: boolean): void;
}

export type ClassState = ClassData & ClassActions;

export const initialClass: ClassData = {
  code: null, role: null, status: 'open', students: 0, reach: null, view: null, following: false, dialogOpen: false,
};

export const useClassStore = create<ClassState>()((set) => ({
  ...initialClass,
  joining: (code) => set({ code: code.toUpperCase(), role: 'student', following: true }),
  received: (message) => set((state) => ({
    code: message.code, role: message.role, status: message.status, students: message.students, reach: message.reach,
    // A page that opens a class shows it its link at once.
    dialogOpen: state.code === null && message.role === 'teacher' ? true : state.dialogOpen,
  })),
  viewReceived: (view) => set({ view }),
  left: () => set(initialClass),
  follow: () => set({ following: true }),
  stopFollowing: () => set((state) => (state.following ? { following: false } : state)),
  setDialogOpen: (dialogOpen) => set({ dialogOpen }),
}));

export const selectIsStudent = (state: ClassData) => state.role === 'student' && state.code !== null;
export const selectIsTeacher = (state: ClassData) => state.role === 'teacher' && state.code !== null && state.status === 'open';
/** A student's page that shows the teacher's view right now. */
export const selectFollowing = (state: ClassData) => selectIsStudent(state) && state.following && state.status === 'open';

/**
 * The student moved on their own (cursor, detail, scrolling, another scenario): the page stops
 * following the teacher until the student rejoins. Outside a class it does nothing.
 */
export function stopFollowing(): void {
  useClassStore.getState().stopFollowing();
}
