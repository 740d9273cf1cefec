import {
  ClientMessage, PROTOCOL_VERSION, ServerMessage, WS_PATH, parseWith, type DistributiveOmit,
} from '@sockscope/protocol';
import type { StoreApi } from 'zustand';
import { selectLastEventId, type SessionState } from './session-store.ts';

/** What the page can ask of a session; components depend on this, not on the socket. */
export interface SessionCommands {
  createSession(scenario: string, message?: string): void;
  step(): void;
  run(): void;
  pause(): void;
  reset(): void;
}

type Request = DistributiveOmit<ClientMessage, 'v' | 'requestId'>;

/** Reconnect delays double from the first to the last; jitter keeps a classroom of pages from reconnecting in step. */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 8_000;

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}

/**
 * The page's one WebSocket, kept outside React: it feeds validated server messages to the store
 * and, after any drop, reconnects and resumes the session from the last event it holds.
 */
export class SessionClient implements SessionCommands {
  #socket: WebSocket | null = null;
  /** Requests made while the socket is down, sent once it opens. */
  #outbox: ClientMessage[] = [];
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #requests = 0;
  /** The session to unsubscribe from once the one we asked for arrives (a reset ends the old one itself). */
  #leaving: string | null = null;

  constructor(
    private readonly url: string,
    private readonly store: StoreApi<SessionState>,
  ) {}

  start(): void {
    this.#connect();
  }

  createSession(scenario: string, message?: string): void {
    const requestId = this.#nextRequestId();
    // An empty message field means the scenario's own message.
    if (this.#userRequest({ type: 'create-session', scenario, ...(message ? { message } : {}) }, requestId)) {
      this.#leaving = this.store.getState().session?.id ?? null;
      this.store.getState().expectSession(requestId);
    }
  }

  step(): void {
    this.#command('step');
  }

  run(): void {
    this.#command('run');
  }

  pause(): void {
    this.#command('pause');
  }

  reset(): void {
    const session = this.store.getState().session;
    if (!session) return;
    const requestId = this.#nextRequestId();
    if (this.#userRequest({ type: 'reset', sessionId: session.id }, requestId)) {
      this.#leaving = null;
      this.store.getState().expectSession(requestId);
    }
  }

  #command(type: 'step' | 'run' | 'pause'): void {
    const session = this.store.getState().session;
    if (session) this.#userRequest({ type, sessionId: session.id });
  }

  /** A request the user made: the error shown is about an earlier one, so it goes. */
  #userRequest(request: Request, requestId?: string): boolean {
    this.store.getState().dismissError();
    return this.#request(request, requestId);
  }

  #connect(): void {
    const socket = new WebSocket(this.url);
    this.#socket = socket;
    socket.addEventListener('open', () => this.#onOpen());
    socket.addEventListener('message', (event: MessageEvent<unknown>) => this.#onMessage(event.data));
    // A failed connection fires `error` then `close`; `close` alone drives reconnection.
    socket.addEventListener('close', () => this.#onClose());
  }

  #onOpen(): void {
    this.#retries = 0;
    const state = this.store.getState();
    state.setConnection('open');
    this.#send({ v: PROTOCOL_VERSION, type: 'list-scenarios' });
    if (state.session && state.session.status !== 'closed') {
      this.#subscribe(state.session.id, selectLastEventId(state));
    }
    const queued = this.#outbox;
    this.#outbox = [];
    for (const message of queued) this.#send(message);
  }

  #onClose(): void {
    this.#socket = null;
    this.store.getState().setConnection('reconnecting');
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#retries) * (0.75 + Math.random() * 0.5);
    this.#retries += 1;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #onMessage(data: unknown): void {
    const state = this.store.getState();
    let json: unknown;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch (error) {
      state.showError({ code: 'bad-server-message', message: String(error) });
      return;
    }
    const parsed = parseWith(ServerMessage, json);
    if (!parsed.ok) {
      state.showError({ code: 'bad-server-message', message: parsed.error });
      return;
    }
    const before = state.session?.id;
    state.receive(parsed.value);
    const after = this.store.getState().session?.id;
    if (after !== undefined && after !== before) this.#adopted(after);
  }

  /** A new current session: follow its events from the start, and stop following the one we left. */
  #adopted(sessionId: string): void {
    if (this.#leaving !== null && this.#leaving !== sessionId) {
      this.#request({ type: 'unsubscribe', sessionId: this.#leaving });
    }
    this.#leaving = null;
    this.#subscribe(sessionId, 0);
  }

  #subscribe(sessionId: string, afterId: number): void {
    this.#request({ type: 'subscribe', sessionId, afterId });
  }

  /** Sends now, or once the socket opens; false when the request is invalid and was not sent. */
  #request(request: Request, requestId = this.#nextRequestId()): boolean {
    // Checked here too, so a request the server would refuse (say, a message too long) is explained at once.
    const parsed = parseWith(ClientMessage, { v: PROTOCOL_VERSION, requestId, ...request });
    if (!parsed.ok) {
      this.store.getState().showError({ code: 'bad-request', message: parsed.error });
      return false;
    }
    if (this.#socket?.readyState === WebSocket.OPEN) this.#send(parsed.value);
    else this.#outbox.push(parsed.value);
    return true;
  }

  #send(message: ClientMessage): void {
    this.#socket?.send(JSON.stringify(message));
  }

  #nextRequestId(): string {
    this.#requests += 1;
    return `r${this.#requests}`;
  }
}
