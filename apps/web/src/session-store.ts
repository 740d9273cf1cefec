import type { ErrorCode, ScenarioInfo, ServerMessage, SessionEvent, SessionInfo } from '@sockscope/protocol';
import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/**
 * Errors found by the page itself: a server message that failed validation, or a request that
 * would fail it. Their `message` is the validation detail; the banner words it.
 */
export type PageErrorCode = 'bad-server-message' | 'bad-request';

export interface ShownError {
  code: ErrorCode | PageErrorCode;
  message: string;
}

export interface SessionData {
  connection: ConnectionStatus;
  /** Null until the server has listed them. */
  scenarios: ScenarioInfo[] | null;
  session: SessionInfo | null;
  /** The current session's events, each id once, in drawing order: by `t`, then by id. */
  events: SessionEvent[];
  /**
   * The requestId of the create-session or reset whose reply becomes the current session. Only
   * that reply (or the session that replaced ours) is adopted, so late updates from a session
   * we left cannot take the page back.
   */
  awaitingSession: string | null;
  error: ShownError | null;
}

export interface SessionActions {
  receive(message: ServerMessage): void;
  setConnection(connection: ConnectionStatus): void;
  expectSession(requestId: string): void;
  showError(error: ShownError): void;
  dismissError(): void;
}

export type SessionState = SessionData & SessionActions;

export const initialData: SessionData = {
  connection: 'connecting',
  scenarios: null,
  session: null,
  events: [],
  awaitingSession: null,
  error: null,
};

/** Folds one validated server message into the state; returns `state` itself when nothing changed. */
export function applyServerMessage<S extends SessionData>(state: S, message: ServerMessage): S {
  const answered = message.type !== 'welcome' && message.type !== 'events'
    && message.requestId !== undefined && message.requestId === state.awaitingSession;
  const awaitingSession = answered ? null : state.awaitingSession;

  switch (message.type) {
    case 'welcome':
      return state;
    case 'scenarios':
      return { ...state, scenarios: message.scenarios };
    case 'session': {
      const incoming = message.session;
      const current = state.session;
      if (current?.id === incoming.id) return { ...state, session: incoming, awaitingSession };
      if (answered || (current?.replacedBy !== undefined && current.replacedBy === incoming.id)) {
        return { ...state, session: incoming, events: [], awaitingSession };
      }
      return state;
    }
    case 'events': {
      if (message.sessionId !== state.session?.id) return state;
      const events = mergeEvents(state.events, message.events);
      return events === state.events ? state : { ...state, events };
    }
    case 'error':
      return { ...state, error: { code: message.code, message: message.message }, awaitingSession };
  }
}

const byTime = (a: SessionEvent, b: SessionEvent): number => a.t - b.t || a.id - b.id;

/**
 * Adds the events not held yet, keeping drawing order. A resubscription or a repeated batch
 * brings ids we have; a late packet brings a `t` earlier than events already shown.
 */
function mergeEvents(held: SessionEvent[], incoming: SessionEvent[]): SessionEvent[] {
  const seen = new Set(held.map((event) => event.id));
  const fresh: SessionEvent[] = [];
  for (const event of incoming) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    fresh.push(event);
  }
  if (fresh.length === 0) return held;
  return [...held, ...fresh].sort(byTime);
}

export const useSessionStore = create<SessionState>()((set) => ({
  ...initialData,
  receive: (message) => set((state) => applyServerMessage(state, message)),
  setConnection: (connection) => set({ connection }),
  expectSession: (requestId) => set({ awaitingSession: requestId }),
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
}));

// Selectors: module-level so components subscribe to exactly what they draw.
export const selectConnection = (state: SessionData) => state.connection;
export const selectScenarios = (state: SessionData) => state.scenarios;
export const selectSession = (state: SessionData) => state.session;
export const selectEvents = (state: SessionData) => state.events;
export const selectError = (state: SessionData) => state.error;

/** The id to resume from: every event up to it is held. */
export const selectLastEventId = (state: SessionData): number =>
  state.events.reduce((last, event) => Math.max(last, event.id), 0);

function readyWithStepsLeft(state: SessionData): boolean {
  const session = state.session;
  return state.connection === 'open' && session?.status === 'ready' && session.nextStep < session.steps.length;
}

export const selectCanStep = readyWithStepsLeft;
export const selectCanRun = readyWithStepsLeft;
export const selectCanPause = (state: SessionData): boolean =>
  state.connection === 'open' && state.session?.status === 'running';
export const selectCanReset = (state: SessionData): boolean =>
  state.connection === 'open' && state.session !== null && state.session.status !== 'closed';
