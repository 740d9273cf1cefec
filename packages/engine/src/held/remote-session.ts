import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeScenario, isWireEvent, type CaptureStatus, type DistributiveOmit, type HoldOptions, type Scenario, type ScenarioInfo } from '@sockscope/protocol';
import { assertCanStep, type EngineSession } from '../engine-session.ts';
import { SessionError } from '../errors.ts';
import { SessionLog } from '../session-log.ts';
import { holdAvailability, unshareArgs } from './availability.ts';
import type { HeldChoice, Verdict } from './held-packets.ts';
import type { ChildMessage, ChildState, ParentMessage } from './remote-protocol.ts';
import { tied } from '../tied.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const OPEN_LIMIT_MS = 15_000;
const EXIT_LIMIT_MS = 5000;

type Reply = Extract<ChildMessage, { type: 'reply' }>;

/**
 * A session that holds the wire. Its sockets, the queue helper and the session itself run in
 * a child process inside a network namespace of its own (`unshare`; a user namespace too when
 * not root); this object drives it over IPC and mirrors its event log, so the server treats it
 * like any other session. When the child exits, the namespace and its iptables rule go with it.
 */
export class RemoteSession implements EngineSession {
  readonly log = new SessionLog();
  readonly info: ScenarioInfo;
  #captureStatus: CaptureStatus = { mode: 'pcap', via: 'nfqueue' };
  #state: ChildState = { nextStep: 0 };
  /** Packets in flight, from the mirrored events: queued (`hold`) and not yet delivered or dropped. */
  readonly #inFlight = new Set<number>();
  #seq = 0;
  readonly #replies = new Map<number, (reply: Reply) => void>();
  #busy = false;
  #closed = false;
  readonly #exited: Promise<void>;

  private constructor(readonly scenario: Scenario, readonly message: string, readonly hold: HoldOptions, private readonly child: ChildProcess) {
    this.info = describeScenario(scenario);
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (reply: ChildMessage) => {
      if (reply.type === 'events') {
        for (const event of reply.events) {
          this.log.append(event);
          if (isWireEvent(event) && event.hold) this.#inFlight.add(event.id);
          if (event.kind === 'delivery') this.#inFlight.delete(event.of);
        }
      }
      if (reply.type === 'reply') {
        this.#state = reply.state;
        this.#replies.get(reply.seq)?.(reply);
        this.#replies.delete(reply.seq);
      }
    });
    void this.#exited.then(() => {
      this.#closed = true;
      for (const answer of this.#replies.values()) answer({ type: 'reply', seq: -1, state: this.#state, error: { message: 'the session process ended' } });
      this.#replies.clear();
    });
  }

  static async open(options: { scenario: Scenario; message?: string; hold: HoldOptions }): Promise<RemoteSession> {
    const availability = await holdAvailability();
    if (!availability.available) throw new SessionError('hold-unavailable', `Holding the wire is not available here: ${availability.reason}`);
    // Tied for a root namespace; a user namespace changes the child's credentials, which clears
    // the tie, and there the child ends itself when its IPC channel closes.
    const child = spawn(...tied('unshare', [...unshareArgs(availability.namespace), process.execPath, '--import', TSX, CHILD]), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const session = new RemoteSession(options.scenario, options.message ?? options.scenario.message, options.hold, child);
    const opened = await new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the session process did not start within 15 s')), OPEN_LIMIT_MS);
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'opened' || message.type === 'open-failed') { clearTimeout(timer); resolve(message); }
      });
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the session process exited (code ${code})`)); });
      session.#send({ type: 'open', scenario: options.scenario, hold: options.hold, ...(options.message !== undefined && { message: options.message }) });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw new SessionError('hold-unavailable', `Holding the wire failed to start: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (opened.type === 'open-failed') {
      child.kill('SIGKILL');
      throw new SessionError('hold-unavailable', `Holding the wire failed to start: ${opened.message}`);
    }
    if (opened.type === 'opened') session.#captureStatus = opened.captureStatus;
    return session;
  }

  get captureStatus(): CaptureStatus {
    return this.#captureStatus;
  }

  get nextStep(): number {
    return this.#state.nextStep;
  }

  get finished(): boolean {
    return this.#state.nextStep >= this.scenario.steps.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The ids of the events of the packets in flight, oldest first. */
  get heldPackets(): number[] {
    return [...this.#inFlight];
  }

  #send(message: ParentMessage): void {
    this.child.send(message);
  }

  async #request(message: DistributiveOmit<Extract<ParentMessage, { seq: number }>, 'seq'>): Promise<void> {
    if (this.#closed) throw new SessionError('session-over', 'the session has ended');
    const seq = ++this.#seq;
    const reply = await new Promise<Reply>((resolve) => {
      this.#replies.set(seq, resolve);
      this.#send({ ...message, seq } as ParentMessage);
    });
    if (reply.error) {
      const code = reply.error.code as ConstructorParameters<typeof SessionError>[0] | undefined;
      throw code ? new SessionError(code, reply.error.message) : new Error(reply.error.message);
    }
  }

  async step(): Promise<void> {
    assertCanStep(this);
    this.#busy = true;
    try {
      await this.#request({ type: 'step' });
    } finally {
      this.#busy = false;
    }
  }

  decide(verdict: Verdict, choice: HeldChoice = {}): Promise<void> {
    return this.#request({ type: 'decide', verdict, ...choice });
  }

  /** None: its packets came from the kernel's queue, where no pcap is written. */
  rawCapture(): undefined {
    return undefined;
  }

  /** Ends the session; held packets are delivered, then the child, the queue and the namespace go. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#request({ type: 'close' }).catch(() => undefined);
    this.#closed = true;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_LIMIT_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}
