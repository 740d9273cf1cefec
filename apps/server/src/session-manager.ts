import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  assertCanStep, BUILT_IN_SCENARIOS, builtInScenario, holdAvailability, openSession, pythonAvailability, SessionError, stepRefusal, type EngineSession,
} from '@sockscope/engine';
import { describeScenario, type CaptureMode, type HoldAvailability, type PythonAvailability, type HoldOptions, type ProgramRuntime, type Scenario, type ScenarioInfo, type SessionInfo } from '@sockscope/protocol';
import type { RecordingStore } from '@sockscope/recordings';
import { saveSession } from './session-recording.ts';

type Status = SessionInfo['status'];

export interface ManagedSession {
  readonly id: string;
  readonly session: EngineSession;
  /** The capture mode asked for, kept for reset. */
  readonly capture: CaptureMode;
  /** The scenario came from a client, not the built-in list. */
  readonly custom: boolean;
  status: Status;
  error?: string;
  replacedBy?: string;
  /** Set while `run` steps on; cleared by `pause`. */
  running: boolean;
  /** Counts runs: a run loop that wakes to find a newer one started (pause, then run) stops. */
  runs: number;
  lastUsed: number;
  /** The save of the ended session, started once whichever way it ends. */
  saving?: Promise<void>;
  /** The key of the client that started it: its presenter, who alone drives it. */
  owner?: string;
  recordingId?: string;
}

export interface SessionManagerOptions {
  defaultCapture: CaptureMode;
  /** Sessions kept at once; an ended one makes room first, then the least recently used idle one. */
  maxSessions?: number;
  /** A session nobody has used for this long is ended, its sockets and capture with it. */
  idleMs?: number;
  /** Where ended sessions are saved (finished, failed, reset, evicted, idle, server shutdown); none: not saved. */
  store?: RecordingStore;
  /** Sessions one client may keep at once; its oldest ends (and is saved) to make room for another. */
  maxPerClient?: number;
}

/** A page shows one session, or two side by side; reloads and resets end what they leave behind. */
export const MAX_SESSIONS_PER_CLIENT = 4;

/** A session's status as it changes, with its presenter's key (undefined: anyone's). */
type StatusListener = (info: SessionInfo, owner: string | undefined) => void;

const DEFAULT_PACE_MS = 700;
const IDLE_CHECK_MS = 60_000;

/** Owns the server's sessions: creates them, steps them, runs and pauses them, reports their status. */
export class SessionManager {
  readonly #sessions = new Map<string, ManagedSession>();
  readonly #statusListeners = new Set<StatusListener>();
  readonly #maxSessions: number;
  /** Sessions being opened: they hold their place before they exist. */
  #opening = 0;
  /** Their openings under way (a session's process may take a second to start), which a full server waits for. */
  readonly #openings = new Set<Promise<unknown>>();
  readonly #idleTimer: NodeJS.Timeout;

  constructor(private readonly options: SessionManagerOptions) {
    this.#maxSessions = options.maxSessions ?? 24;
    const idleMs = options.idleMs ?? 30 * 60_000;
    this.#idleTimer = setInterval(() => void this.#endIdle(idleMs), Math.min(IDLE_CHECK_MS, idleMs));
    this.#idleTimer.unref();
  }

  scenarios(): ScenarioInfo[] {
    return BUILT_IN_SCENARIOS.map(describeScenario);
  }

  onStatus(listener: StatusListener): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  get(id: string): ManagedSession {
    const managed = this.#sessions.get(id);
    if (!managed) throw new SessionError('unknown-session', `there is no session ${id} (it may have ended when the server restarted)`);
    managed.lastUsed = Date.now();
    return managed;
  }

  /** Opens a session of a built-in scenario (by name) or of a scenario a client wrote (already validated). */
  async create(
    request: { scenario: string | Scenario; message?: string; capture?: CaptureMode; hold?: HoldOptions; program?: ProgramRuntime }, owner?: string,
  ): Promise<ManagedSession> {
    const custom = typeof request.scenario !== 'string';
    const scenario = typeof request.scenario === 'string' ? builtInScenario(request.scenario) : request.scenario;
    // Counted before any await, so that concurrent creates see each other.
    this.#opening += 1;
    let session: EngineSession;
    try {
      if (owner !== undefined) await this.#makeRoomFor(owner);
      await this.#makeRoom();
      const opening = openSession({
        ...(request.hold && { hold: request.hold }),
        scenario, capture: request.capture ?? this.options.defaultCapture,
        ...(request.message !== undefined && { message: request.message }),
        ...(request.program !== undefined && { program: request.program }),
      });
      const settled = opening.then(() => undefined, () => undefined);
      this.#openings.add(settled);
      void settled.then(() => this.#openings.delete(settled));
      session = await opening;
    } finally {
      this.#opening -= 1;
    }
    const capture = request.capture ?? this.options.defaultCapture;
    const managed: ManagedSession = {
      id: randomUUID(), session, capture, custom, status: 'ready', running: false, runs: 0, lastUsed: Date.now(),
      ...(owner !== undefined && { owner }),
    };
    this.#sessions.set(managed.id, managed);
    return managed;
  }

  info(managed: ManagedSession): SessionInfo {
    const { session } = managed;
    return {
      id: managed.id, scenario: session.scenario.name, ...(managed.custom && { custom: true }), title: session.scenario.title,
      ...(managed.custom && session.scenario.description.trim() && { description: session.scenario.description }), proto: session.scenario.proto,
      message: session.message, capture: session.captureStatus, status: managed.status, nextStep: session.nextStep,
      steps: session.info.steps, lastEventId: session.log.lastId, clockStartUs: session.clockStartUs,
      ...(session.hold && { hold: session.hold }),
      program: session.program, ...(session.programs.length > 0 && { programs: session.programs }),
      ...(managed.error !== undefined && { error: managed.error }),
      ...(managed.replacedBy !== undefined && { replacedBy: managed.replacedBy }),
      ...(managed.recordingId !== undefined && { recordingId: managed.recordingId }),
    };
  }

  #setStatus(managed: ManagedSession, status: Status): void {
    managed.status = status;
    const info = this.info(managed);
    for (const listener of this.#statusListeners) listener(info, managed.owner);
  }

  /** Whether sessions can hold the wire here (checked once), for the page to offer it or say why not. */
  holdAvailability(): Promise<HoldAvailability> {
    return holdAvailability();
  }

  /** Whether sessions can run as Python programs here (checked once), for the page to offer them first or say why not. */
  pythonAvailability(): PythonAvailability {
    return pythonAvailability();
  }

  /** Hold the wire: delivers or drops a packet in flight (the oldest, a given one, or all). */
  async decide(id: string, verdict: 'delivered' | 'dropped', options: { packet?: number; all?: boolean }): Promise<void> {
    await this.get(id).session.decide(verdict, options);
  }

  async step(id: string): Promise<void> {
    const managed = this.get(id);
    if (managed.running) throw new SessionError('session-busy', 'the session is running; pause it first');
    await this.#stepOnce(managed, 'stepping');
  }

  async #stepOnce(managed: ManagedSession, during: Status): Promise<void> {
    const { session } = managed;
    assertCanStep(session);
    this.#setStatus(managed, during);
    try {
      await session.step();
      // Reset or eviction closed it meanwhile: they report its status.
      if (session.closed) return;
      if (session.finished) {
        await this.#closeAndSave(managed);
        managed.running = false;
        this.#setStatus(managed, 'finished');
      } else if (!managed.running || during === 'stepping') {
        this.#setStatus(managed, 'ready');
      } else {
        this.#setStatus(managed, 'running');
      }
    } catch (error) {
      managed.running = false;
      managed.error = error instanceof Error ? error.message : String(error);
      await this.#closeAndSave(managed);
      this.#setStatus(managed, 'failed');
      throw error;
    }
  }

  /** Steps to the end, one step every `paceMs`, until paused. Resolves when it stops. */
  async run(id: string, paceMs = DEFAULT_PACE_MS): Promise<void> {
    const managed = this.get(id);
    const refusal = stepRefusal(managed.session);
    if (refusal?.code === 'session-over') throw refusal;
    if (managed.running) return;
    if (refusal) throw refusal;
    const generation = ++managed.runs;
    const current = () => managed.running && managed.runs === generation && !managed.session.finished && !managed.session.closed;
    managed.running = true;
    this.#setStatus(managed, 'running');
    try {
      while (current()) {
        await this.#stepOnce(managed, 'running');
        if (current()) await sleep(paceMs);
      }
    } finally {
      if (managed.runs === generation) managed.running = false;
    }
    if (managed.status === 'running') this.#setStatus(managed, 'ready');
  }

  pause(id: string): void {
    const managed = this.get(id);
    managed.running = false;
    if (managed.status === 'running' && !managed.session.busy) this.#setStatus(managed, 'ready');
  }

  /** Ends the session and opens a fresh one of the same scenario, message and capture. */
  async reset(id: string): Promise<ManagedSession> {
    const old = this.get(id);
    old.running = false;
    const scenario = old.custom ? old.session.scenario : old.session.scenario.name;
    const fresh = await this.create({
      scenario, message: old.session.message, capture: old.capture, program: old.session.program, ...(old.session.hold && { hold: old.session.hold }),
    }, old.owner);
    old.replacedBy = fresh.id;
    await this.#end(old);
    return fresh;
  }

  /** Closes a session, tells its watchers, and forgets it. */
  async #end(managed: ManagedSession): Promise<void> {
    this.#sessions.delete(managed.id);
    managed.running = false;
    await this.#closeAndSave(managed);
    this.#setStatus(managed, 'closed');
  }

  /** Closes the session and saves it as a recording, once, whichever way it ended first. */
  async #closeAndSave(managed: ManagedSession): Promise<void> {
    await managed.session.close();
    managed.saving ??= this.#save(managed);
    await managed.saving;
  }

  /** A session ended before its first step did nothing worth keeping, and is not saved. */
  async #save(managed: ManagedSession): Promise<void> {
    const { store } = this.options;
    if (!store || managed.session.nextStep === 0) return;
    try {
      managed.recordingId = await saveSession(store, managed.session, managed.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`sockscope: session ${managed.id} could not be saved: ${reason}`);
      const { log } = managed.session;
      log.append({ kind: 'note', source: 'traced', t: log.all().at(-1)?.t ?? 0, code: 'error', level: 'error', text: `The session could not be saved as a recording: ${reason}` });
    }
  }

  /**
   * Only a session's presenter (the client that started it) may drive it; anyone else watches.
   * A session started without a client (the CLI, a script that never said who it is) is anyone's.
   */
  assertPresenter(id: string, client: string): void {
    const { owner } = this.get(id);
    if (owner !== undefined && owner !== client) {
      throw new SessionError('not-presenter', 'only the page that started this session can step, run, pause, reset, deliver, drop or ask the class; you are watching it');
    }
  }


  /** A client at its limit makes room by ending its own least recently used session, never another's. */
  async #makeRoomFor(owner: string): Promise<void> {
    const limit = this.options.maxPerClient ?? MAX_SESSIONS_PER_CLIENT;
    const own = [...this.#sessions.values()].filter((managed) => managed.owner === owner).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const managed of own.slice(0, Math.max(0, own.length - limit + 1))) await this.#end(managed);
  }

  /** A client has left for good: what it started ends and is saved. */
  async endSessionsOf(owner: string): Promise<void> {
    for (const managed of [...this.#sessions.values()]) if (managed.owner === owner) await this.#end(managed);
  }

  async #makeRoom(): Promise<void> {
    // #opening includes the session this room is for.
    while (this.#sessions.size + this.#opening > this.#maxSessions) {
      const candidates = [...this.#sessions.values()].filter((managed) => !managed.running && !managed.session.busy);
      const ended = (managed: ManagedSession) => (managed.session.closed ? 0 : 1);
      const victim = candidates.sort((a, b) => ended(a) - ended(b) || a.lastUsed - b.lastUsed)[0];
      if (victim) return this.#end(victim);
      // A session still opening becomes one that can make room, or fails and takes no place: wait for it rather than refuse.
      if (this.#openings.size === 0) throw new SessionError('too-many-sessions', `the server already runs ${this.#maxSessions} sessions; try again when one ends`);
      await Promise.race(this.#openings);
    }
  }

  async #endIdle(idleMs: number): Promise<void> {
    const now = Date.now();
    for (const managed of [...this.#sessions.values()]) {
      if (!managed.running && !managed.session.busy && now - managed.lastUsed > idleMs) await this.#end(managed);
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#idleTimer);
    for (const managed of [...this.#sessions.values()]) await this.#end(managed);
  }
}
