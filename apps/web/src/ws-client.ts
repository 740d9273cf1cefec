import {
  ClientMessage, PROTOCOL_VERSION, ServerMessage, WS_PATH, parseWith, type DistributiveOmit, type HoldOptions, type ProgramRuntime, type Scenario, type SessionEvent,
} from '@sockscope/protocol';
import type { StoreApi } from 'zustand';
import { storeClientKey, storedClientKey } from './client-key.ts';
import { recallScenario, rememberScenario } from './custom-scenario.ts';
import { packetsInFlight } from './hold.ts';
import { rememberView, type ViewSpec } from './location.ts';
import { useQuestionStore, type QuestionActions } from './question/question-store.ts';
import { lastEventId, type SessionState } from './session-store.ts';

/** A scenario to open: a built-in one by name, or a whole one the user wrote. */
export type ScenarioChoice = string | Scenario;

const nameOf = (choice: ScenarioChoice) => (typeof choice === 'string' ? choice : choice.name);

/** What the page can ask of its sessions; components depend on this, not on the socket. */
export interface SessionCommands {
  /** Opens one scenario, or two side by side with the same message (a written one carries its own). */
  /** `program`: who makes the calls (Node, the server's default, when not said). */
  open(scenarios: ScenarioChoice[], message?: string, hold?: HoldOptions, program?: ProgramRuntime): void;
  /** Runs the next step of each session named; which ones can step is decided by the caller (actions.ts). */
  step(sessionIds: readonly string[]): void;
  /** Hold the wire: delivers the oldest packet in flight of each shown session, or all of them. */
  deliver(all?: boolean): void;
  /** Hold the wire: drops the oldest packet in flight of each shown session. */
  drop(): void;
  /** Runs each session named to its end, one step every `paceMs`. */
  run(sessionIds: readonly string[], paceMs?: number): void;
  pause(): void;
  reset(): void;
  /** What happens next?: asks everyone watching the session what follows the event `after` (0: the start). */
  ask(sessionId: string, after: number): void;
  answer(sessionId: string, questionId: string, choice: number): void;
  reveal(sessionId: string, questionId: string): void;
}

export type Request = DistributiveOmit<ClientMessage, 'v' | 'requestId'>;

/** Another part of the page on the same socket (a class): told each time it opens, offered each message first. */
export interface Channel {
  opened(): void;
  /** True when the message was the channel's, and the session store need not see it. */
  receive(message: ServerMessage): boolean;
}

/** Reconnect delays double from the first to the last; jitter keeps a classroom of pages from reconnecting in step. */
const FIRST_RETRY_MS = 500;
/** A hidden tab draws no frames: its events are applied this often instead. */
const HIDDEN_FLUSH_MS = 250;
const LAST_RETRY_MS = 8_000;

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}

/**
 * The page's one WebSocket, kept outside React: it feeds validated server messages to the store
 * and, after any drop, reconnects and resumes each shown session from the last event it holds.
 */
export class SessionClient implements SessionCommands {
  #socket: WebSocket | null = null;
  /** Requests made while the socket is down, sent once it opens. */
  #outbox: ClientMessage[] = [];
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #requests = 0;
  #scenarios: ScenarioChoice[] = [];
  /** The shown scenario is one the user wrote: never open a built-in of the same name in its place. */
  #custom = false;
  #message: string | undefined;
  #hold: HoldOptions | undefined;
  #program: ProgramRuntime | undefined;
  /** Resume requests, by requestId: the scenario to open instead if the session is gone. */
  readonly #resuming = new Map<string, { place: number; scenario: ScenarioChoice }>();
  readonly #subscribed = new Set<string>();
  readonly #channels: Channel[] = [];
  /** Events received since the last frame, by session, and the frame (or, in a hidden tab, the timer) that applies them. */
  readonly #queued = new Map<string, SessionEvent[]>();
  #frame: { animation: number; timer: ReturnType<typeof setTimeout> } | undefined;
  /** The page shows sessions someone else opened (a class's teacher): none of its own to open again, nothing to put in the address. */
  #watching = false;

  constructor(
    private readonly url: string,
    private readonly store: StoreApi<SessionState>,
    private readonly questions: StoreApi<QuestionActions> = useQuestionStore,
  ) {}

  start(view: ViewSpec | null): void {
    this.#connect();
    if (!view) return;
    this.#custom = view.custom === true;
    this.#program = view.program;
    this.#scenarios = view.scenarios.map((name) => (this.#custom ? recallScenario(name) ?? name : name));
    this.store.getState().show(view.scenarios.length);
    this.#scenarios.forEach((scenario, place) => {
      const sessionId = view.sessions[place];
      if (!sessionId) return this.#create(place, scenario);
      this.#subscribed.add(sessionId);
      this.#resume(place, scenario, sessionId, 0);
    });
  }

  /** Subscribes to a session the page showed before; if the server no longer has it, opens a fresh one in its place. */
  #resume(place: number, scenario: ScenarioChoice, sessionId: string, afterId: number): void {
    const requestId = this.#nextRequestId();
    if (!this.#watching) this.#resuming.set(requestId, { place, scenario });
    this.store.getState().expectSession(requestId, place);
    this.#request({ type: 'subscribe', sessionId, afterId }, requestId);
  }

  open(scenarios: ScenarioChoice[], message?: string, hold?: HoldOptions, program?: ProgramRuntime): void {
    this.#watching = false;
    this.#hold = hold;
    this.#program = program;
    this.store.getState().dismissError();
    for (const id of this.#subscribed) this.#request({ type: 'unsubscribe', sessionId: id });
    this.#subscribed.clear();
    this.#scenarios = scenarios;
    this.questions.getState().close();
    this.#custom = scenarios.some((scenario) => typeof scenario !== 'string');
    this.#message = message || undefined;
    for (const scenario of scenarios) if (typeof scenario !== 'string') rememberScenario(scenario);
    this.store.getState().show(scenarios.length);
    this.#rememberView([]);
    scenarios.forEach((scenario, place) => this.#create(place, scenario));
  }

  /** Shows sessions someone else opened, by id, as a student follows a class's teacher. */
  watch(sessionIds: readonly string[]): void {
    this.store.getState().dismissError();
    for (const id of this.#subscribed) this.#request({ type: 'unsubscribe', sessionId: id });
    this.#subscribed.clear();
    this.#watching = true;
    this.#scenarios = [];
    this.store.getState().show(sessionIds.length);
    sessionIds.forEach((sessionId, place) => {
      this.#subscribed.add(sessionId);
      this.#resume(place, sessionId, sessionId, 0);
    });
  }

  addChannel(channel: Channel): void {
    this.#channels.push(channel);
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** A channel's request; false when it is invalid and was not sent. */
  send(request: Request, requestId?: string): boolean {
    return this.#request(request, requestId);
  }

  #rememberView(sessions: string[]): void {
    if (this.#watching) return;
    rememberView({
      scenarios: this.#scenarios.map(nameOf), sessions, ...(this.#custom && { custom: true }), ...(this.#program === 'python' && { program: 'python' }),
    });
  }

  #create(place: number, scenario: ScenarioChoice): void {
    if (this.#custom && typeof scenario === 'string') {
      // A written scenario known only by its name (its tab did not keep it): a built-in of that name is not it.
      this.store.getState().showError({ code: 'scenario-gone', message: scenario });
      return;
    }
    const requestId = this.#nextRequestId();
    // An empty message means the scenario's own; compared sessions share the first one's message.
    const request = {
      type: 'create-session', scenario, ...(this.#message !== undefined && { message: this.#message }), ...(this.#hold && { hold: this.#hold }),
      ...(this.#program && { program: this.#program }),
    } as const;
    if (this.#request(request, requestId)) {
      this.store.getState().expectSession(requestId, place);
    }
  }

  step(sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds) this.#userRequest({ type: 'step', sessionId });
  }

  run(sessionIds: readonly string[], paceMs?: number): void {
    for (const sessionId of sessionIds) this.#userRequest({ type: 'run', sessionId, ...(paceMs !== undefined && { paceMs }) });
  }

  deliver(all = false): void {
    this.#eachInFlight((sessionId) => this.#userRequest({ type: 'deliver', sessionId, ...(all && { all: true }) }));
  }

  drop(): void {
    this.#eachInFlight((sessionId) => this.#userRequest({ type: 'drop', sessionId }));
  }

  /** The shown sessions with a packet in flight: compared side by side, one may have none. */
  #eachInFlight(act: (sessionId: string) => void): void {
    this.#eachShown((sessionId, info) => {
      const events = this.store.getState().sessions[sessionId]?.events ?? [];
      if (info.hold && packetsInFlight(events).length > 0) act(sessionId);
    });
  }

  pause(): void {
    this.#eachShown((sessionId) => this.#userRequest({ type: 'pause', sessionId }));
  }

  reset(): void {
    this.#eachShown((sessionId, _info, place) => {
      const requestId = this.#nextRequestId();
      if (this.#userRequest({ type: 'reset', sessionId }, requestId)) this.store.getState().expectSession(requestId, place);
    });
  }

  ask(sessionId: string, after: number): void {
    this.#userRequest({ type: 'ask', sessionId, after });
  }

  answer(sessionId: string, questionId: string, choice: number): void {
    this.questions.getState().choose(choice);
    this.#userRequest({ type: 'answer', sessionId, questionId, choice });
  }

  reveal(sessionId: string, questionId: string): void {
    this.#userRequest({ type: 'reveal', sessionId, questionId });
  }

  #eachShown(act: (sessionId: string, info: NonNullable<SessionState['sessions'][string]>['info'], place: number) => void): void {
    const { shown, sessions } = this.store.getState();
    shown.forEach((id, place) => {
      const slot = id === null ? undefined : sessions[id];
      if (id !== null && slot) act(id, slot.info, place);
    });
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
    const reconnected = this.#retries > 0;
    this.#retries = 0;
    const state = this.store.getState();
    state.setConnection('open');
    // First of all, before anything is created: be the client this browser was, the presenter of what it started.
    const clientKey = storedClientKey();
    if (clientKey) this.#send({ v: PROTOCOL_VERSION, type: 'resume-client', clientKey });
    this.#send({ v: PROTOCOL_VERSION, type: 'list-scenarios' });
    for (const channel of this.#channels) channel.opened();
    const queued = this.#outbox;
    this.#outbox = [];
    if (reconnected) {
      // Resume each shown session after the last event held: no gap, no repeat.
      this.#eachShown((sessionId, info, place) => {
        const slot = this.store.getState().sessions[sessionId];
        if (slot) this.#resume(place, this.#scenarios[place] ?? info.scenario, sessionId, lastEventId(slot));
      });
    }
    for (const message of queued) this.#send(message);
  }

  #onClose(): void {
    this.#flushEvents();
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
    const message = parsed.value;
    if (message.type === 'events') {
      this.#queueEvents(message);
      return;
    }
    // What came before this message is applied before it: a session's end after its last events, a reveal after the step's.
    this.#flushEvents();
    if (message.type === 'question' || message.type === 'tally' || message.type === 'revealed') {
      this.questions.getState().receive(message);
      return;
    }
    if (this.#channels.some((channel) => channel.receive(message))) return;
    if (message.type === 'welcome' && message.clientKey && !storedClientKey()) storeClientKey(message.clientKey);
    const requestId = message.type === 'error' || message.type === 'session' ? message.requestId : undefined;
    const resume = requestId === undefined ? undefined : this.#resuming.get(requestId);
    if (requestId !== undefined) this.#resuming.delete(requestId);
    if (resume && message.type === 'error' && message.code === 'unknown-session') {
      // The session is gone (the server restarted): open a fresh one in its place, quietly.
      this.#create(resume.place, resume.scenario);
      return;
    }
    const before = state.shown;
    state.receive(message);
    const after = this.store.getState().shown;
    if (after !== before) this.#shownChanged(after, before);
  }

  /**
   * Events wait for the next frame, each session's joined into one message: a burst of batches
   * (a finished session's thousands of events, two sessions stepping) is one store update and
   * one layout. A hidden tab draws no frames; the timer applies its events all the same.
   */
  #queueEvents(message: Extract<ServerMessage, { type: 'events' }>): void {
    const queued = this.#queued.get(message.sessionId);
    if (queued) queued.push(...message.events);
    else this.#queued.set(message.sessionId, [...message.events]);
    if (this.#frame !== undefined) return;
    const flush = () => this.#flushEvents();
    this.#frame = { animation: requestAnimationFrame(flush), timer: setTimeout(flush, HIDDEN_FLUSH_MS) };
  }

  #flushEvents(): void {
    if (this.#frame === undefined) return;
    cancelAnimationFrame(this.#frame.animation);
    clearTimeout(this.#frame.timer);
    this.#frame = undefined;
    const messages = [...this.#queued].map(([sessionId, events]): ServerMessage => ({ v: PROTOCOL_VERSION, type: 'events', sessionId, events }));
    this.#queued.clear();
    this.store.getState().receiveAll(messages);
  }

  /** Follow newly shown sessions from their first event, drop the ones left, keep the address in step. */
  #shownChanged(shown: (string | null)[], before: (string | null)[]): void {
    for (const id of before) {
      if (id === null || shown.includes(id)) continue;
      this.#subscribed.delete(id);
      this.#request({ type: 'unsubscribe', sessionId: id });
    }
    for (const id of shown) {
      if (id === null || this.#subscribed.has(id)) continue;
      this.#subscribed.add(id);
      this.#request({ type: 'subscribe', sessionId: id, afterId: 0 });
    }
    if (shown.every((id) => id !== null)) this.#rememberView(shown as string[]);
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
