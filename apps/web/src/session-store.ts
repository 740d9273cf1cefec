import {
  byDrawingOrder, type ErrorCode, type HoldAvailability, type PythonAvailability, type ScenarioInfo, type ServerMessage, type SessionEvent, type SessionInfo,
} from '@sockscope/protocol';
import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/**
 * Errors found by the page itself: a server message that failed validation, a request that
 * would fail it, or a written scenario whose session is gone and which the tab no longer holds.
 * Their `message` is the detail (the validation's words, the scenario's name); the banner words it.
 */
export type PageErrorCode = 'bad-server-message' | 'bad-request' | 'scenario-gone';

export interface ShownError {
  code: ErrorCode | PageErrorCode;
  message: string;
}

export interface SessionSlot {
  info: SessionInfo;
  /** Each id once, in drawing order: by `t`, then by id. */
  events: SessionEvent[];
}

export interface SessionData {
  connection: ConnectionStatus;
  /** Null until the server has listed them. */
  scenarios: ScenarioInfo[] | null;
  /** The sessions the page shows, left to right: one, or two when comparing; null while one is being opened. */
  shown: (string | null)[];
  sessions: Record<string, SessionSlot>;
  /**
   * Requests (create, reset, resume) whose reply fills a place in `shown`. Only those replies,
   * or the session that replaced a shown one, are adopted: a late update from a session the
   * page left cannot take it back.
   */
  awaiting: Record<string, number>;
  error: ShownError | null;
  /** Whether the server can hold the wire (and if not, why); null until it has said. */
  hold: HoldAvailability | null;
  /** Whether this browser runs on the server's machine (the server says so in its welcome); until then, as if it did. */
  thisMachine: boolean;
  /** Whether the server can run sessions as Python programs (and if not, why); null until it has said. */
  python: PythonAvailability | null;
}

export interface SessionActions {
  receive(message: ServerMessage): void;
  /** Several messages folded in one update, as the page applies a frame's events together. */
  receiveAll(messages: readonly ServerMessage[]): void;
  setConnection(connection: ConnectionStatus): void;
  /** The page will show `places` sessions; the previous ones are dropped. */
  show(places: number): void;
  expectSession(requestId: string, place: number): void;
  showError(error: ShownError): void;
  dismissError(): void;
}

export type SessionState = SessionData & SessionActions;

export const initialData: SessionData = {
  connection: 'connecting',
  scenarios: null,
  shown: [],
  sessions: {},
  awaiting: {},
  error: null,
  hold: null,
  thisMachine: true,
  python: null,
};

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

function adopt<S extends SessionData>(state: S, place: number, info: SessionInfo, awaiting: Record<string, number>): S {
  const previous = state.shown[place];
  const shown = state.shown.map((id, index) => (index === place ? info.id : id));
  let sessions = previous && previous !== info.id ? withoutKey(state.sessions, previous) : state.sessions;
  sessions = { ...sessions, [info.id]: { info, events: sessions[info.id]?.events ?? [] } };
  return { ...state, shown, sessions, awaiting };
}

/** Folds one validated server message into the state; returns `state` itself when nothing changed. */
export function applyServerMessage<S extends SessionData>(state: S, message: ServerMessage): S {
  const requestId = 'requestId' in message ? message.requestId : undefined;
  const place = requestId === undefined ? undefined : state.awaiting[requestId];
  const awaiting = place === undefined || requestId === undefined ? state.awaiting : withoutKey(state.awaiting, requestId);

  switch (message.type) {
    case 'welcome':
      return { ...state, ...(message.hold && { hold: message.hold }), ...(message.python && { python: message.python }), ...(message.thisMachine !== undefined && { thisMachine: message.thisMachine }) };
    case 'scenarios':
      return { ...state, scenarios: message.scenarios };
    case 'session': {
      const incoming = message.session;
      if (place !== undefined) return adopt(state, place, incoming, awaiting);
      const held = state.sessions[incoming.id];
      if (held) return { ...state, sessions: { ...state.sessions, [incoming.id]: { ...held, info: incoming } } };
      const replaced = state.shown.findIndex((id) => id !== null && state.sessions[id]?.info.replacedBy === incoming.id);
      return replaced >= 0 ? adopt(state, replaced, incoming, awaiting) : state;
    }
    case 'events': {
      const held = state.sessions[message.sessionId];
      if (!held) return state;
      const events = mergeEvents(held.events, message.events);
      if (events === held.events) return state;
      return { ...state, sessions: { ...state.sessions, [message.sessionId]: { ...held, events } } };
    }
    case 'error':
      return { ...state, error: { code: message.code, message: message.message }, awaiting };
    case 'class':
    case 'class-view':
      return state; // the class's own store holds these (class/class-store.ts)
    case 'question':
    case 'tally':
    case 'revealed':
      return state; // the question store's (question/question-store.ts)
  }
}

/** The highest id of each events list the store made: a growing list is not scanned to know it. */
const highestIds = new WeakMap<readonly SessionEvent[], number>();

function highestId(events: readonly SessionEvent[]): number {
  let highest = highestIds.get(events);
  if (highest === undefined) {
    highest = events.reduce((last, event) => Math.max(last, event.id), 0);
    highestIds.set(events, highest);
  }
  return highest;
}

function unseen(held: readonly SessionEvent[], incoming: readonly SessionEvent[]): SessionEvent[] {
  const seen = new Set(held.map((event) => event.id));
  const fresh: SessionEvent[] = [];
  for (const event of incoming) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    fresh.push(event);
  }
  return fresh;
}

/**
 * Adds the events not held yet, keeping drawing order. A resubscription or a repeated batch
 * brings ids we have; a late packet brings a `t` earlier than events already shown.
 */
function mergeEvents(held: SessionEvent[], incoming: SessionEvent[]): SessionEvent[] {
  const highest = highestId(held);
  // The common case: the server sends each event once, in id order, so what comes is all new.
  const allNew = incoming.every((event, index) => event.id > (index === 0 ? highest : incoming[index - 1]!.id));
  const fresh = allNew ? incoming : unseen(held, incoming);
  if (fresh.length === 0) return held;
  const last = held.at(-1);
  // Events arriving in order need no sort.
  const inOrder = fresh.every((event, index) => byDrawingOrder(index === 0 ? (last ?? event) : fresh[index - 1]!, event) <= 0);
  const merged = inOrder ? held.concat(fresh) : [...held, ...fresh].sort(byDrawingOrder);
  highestIds.set(merged, fresh.reduce((top, event) => Math.max(top, event.id), highest));
  return merged;
}

export const useSessionStore = create<SessionState>()((set) => ({
  ...initialData,
  receive: (message) => set((state) => applyServerMessage(state, message)),
  receiveAll: (messages) => set((state) => messages.reduce(applyServerMessage, state)),
  setConnection: (connection) => set({ connection }),
  show: (places) => set({ shown: Array.from({ length: places }, () => null), sessions: {}, awaiting: {} }),
  expectSession: (requestId, place) => set((state) => ({ awaiting: { ...state.awaiting, [requestId]: place } })),
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
}));

// Selectors: module-level so components subscribe to exactly what they draw.
export const selectConnection = (state: SessionData) => state.connection;
export const selectScenarios = (state: SessionData) => state.scenarios;
export const selectShown = (state: SessionData) => state.shown;
export const selectError = (state: SessionData) => state.error;
/** The shown sessions that have arrived, in place order. */
export function shownSlots(state: SessionData): SessionSlot[] {
  return state.shown.flatMap((id) => (id !== null && state.sessions[id] ? [state.sessions[id]] : []));
}

/** The id to resume from: every event up to it is held. */
export function lastEventId(slot: SessionSlot): number {
  return highestId(slot.events);
}

function allShown(state: SessionData, test: (info: SessionInfo) => boolean): boolean {
  const slots = shownSlots(state);
  return state.connection === 'open' && slots.length > 0 && slots.length === state.shown.length && slots.every((slot) => test(slot.info));
}

/**
 * The shown sessions Step and Run act on: while every shown session is ready or finished, each
 * one ready with steps left (compared side by side, one may be over before the other); none otherwise.
 */
export function steppableSessions(state: SessionData): string[] {
  if (!allShown(state, (info) => info.status === 'ready' || info.status === 'finished')) return [];
  return shownSlots(state).flatMap(({ info }) => (info.status === 'ready' && info.nextStep < info.steps.length && drives(info) ? [info.id] : []));
}

/** This page started the session, so it may drive it (the server says so per client; absent: an older server, anyone). */
const drives = (info: SessionInfo) => info.presenter !== false;

/** Every shown session is someone else's: this page watches, and has nothing to drive. */
export const selectWatching = (state: SessionData): boolean => {
  const slots = shownSlots(state);
  return slots.length > 0 && slots.every((slot) => !drives(slot.info));
};

/** Step and Run are allowed while some shown session can step (see steppableSessions). */
export const selectCanStep = (state: SessionData): boolean => steppableSessions(state).length > 0;
export const selectCanPause = (state: SessionData): boolean =>
  state.connection === 'open' && shownSlots(state).some((slot) => slot.info.status === 'running' && drives(slot.info));
export const selectCanReset = (state: SessionData): boolean =>
  state.connection === 'open' && shownSlots(state).length > 0 && shownSlots(state).every((slot) => slot.info.status !== 'closed' && drives(slot.info));
