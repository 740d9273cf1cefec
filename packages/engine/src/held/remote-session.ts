import type { ChildProcess } from 'node:child_process';
import { describeScenario, isWireEvent, type CaptureMode, type CaptureStatus, type DistributiveOmit, type HoldOptions, type ProgramRuntime, type ProgramTexts, type Scenario, type ScenarioInfo } from '@sockscope/protocol';
import { assertCanStep, type EngineSession } from '../engine-session.ts';
import { messageOf, SessionError } from '../errors.ts';
import { SessionLog } from '../session-log.ts';
import { networkNamespace } from '../netns/namespace.ts';
import { makeSpareSessionProcess, takeSessionProcess } from '../netns/session-process.ts';
import { holdAvailability } from './availability.ts';
import type { HeldChoice, Verdict } from './held-packets.ts';
import type { ChildMessage, ChildState, ParentMessage } from './remote-protocol.ts';

const OPEN_LIMIT_MS = 15_000;
const EXIT_LIMIT_MS = 5000;

type Reply = Extract<ChildMessage, { type: 'reply' }>;

/**
 * A session in a network namespace of its own. Its sockets, its capture (tcpdump, or the queue
 * helper when it holds the wire), its kernel readings and the session itself run in a child
 * process inside that namespace (`unshare`; a user namespace too when not root); this object
 * drives it over IPC and mirrors its event log, so the server treats it like any other session.
 * When the child exits, the namespace (and a held session's iptables rule) go with it.
 */
export class RemoteSession implements EngineSession {
  readonly log = new SessionLog();
  readonly info: ScenarioInfo;
  #captureStatus: CaptureStatus = { mode: 'inferred' };
  #pcap: Uint8Array | undefined;
  #state: ChildState = { nextStep: 0 };
  #clockStartUs = 0;
  #programs: ProgramTexts = [];
  /** Packets in flight, from the mirrored events: queued (`hold`) and not yet delivered or dropped. */
  readonly #inFlight = new Set<number>();
  #seq = 0;
  readonly #replies = new Map<number, (reply: Reply) => void>();
  #busy = false;
  #closed = false;
  readonly #exited: Promise<void>;

  private constructor(
    readonly scenario: Scenario, readonly message: string, readonly hold: HoldOptions | undefined, readonly program: ProgramRuntime, private readonly child: ChildProcess,
  ) {
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
      if (reply.type === 'capture') this.#pcap = Buffer.from(reply.pcap, 'base64');
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

  static async open(options: { scenario: Scenario; message?: string; capture?: CaptureMode; hold?: HoldOptions; program?: ProgramRuntime }): Promise<RemoteSession> {
    const refuse = (reason: string): never => {
      if (options.hold) throw new SessionError('hold-unavailable', `Holding the wire ${reason}`);
      throw new Error(`The session's network namespace ${reason}`);
    };
    if (options.hold) {
      const availability = await holdAvailability();
      if (!availability.available) refuse(`is not available here: ${availability.reason}`);
    }
    const namespace = await networkNamespace();
    if (!namespace.available) return refuse(`is not available here: ${namespace.reason}`);
    const child = await takeSessionProcess(namespace.unshare).catch((error: unknown) => refuse(`failed to start: ${messageOf(error)}`));
    const session = new RemoteSession(options.scenario, options.message ?? options.scenario.message, options.hold, options.program ?? 'node', child);
    const opened = await new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the session process did not open the session within 15 s')), OPEN_LIMIT_MS);
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'opened' || message.type === 'open-failed') { clearTimeout(timer); resolve(message); }
      });
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the session process exited (code ${code})`)); });
      session.#send({
        type: 'open', scenario: options.scenario, capture: options.capture ?? 'pcap', ...(options.program && { program: options.program }),
        ...(options.hold && { hold: options.hold }), ...(options.message !== undefined && { message: options.message }),
      });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      return refuse(`failed to start: ${messageOf(error)}`);
    }).finally(() => makeSpareSessionProcess(namespace.unshare));
    if (opened.type === 'open-failed') {
      child.kill('SIGKILL');
      // The session's own refusal (capture required but unavailable) keeps its code and words.
      if (!options.hold && opened.code) throw new SessionError(opened.code as ConstructorParameters<typeof SessionError>[0], opened.message);
      refuse(`failed to start: ${opened.message}`);
    }
    if (opened.type === 'opened') {
      session.#captureStatus = opened.captureStatus;
      session.#clockStartUs = opened.clockStartUs;
      // The texts the child wrote and gave python3, not written again here.
      session.#programs = opened.programs;
    }
    return session;
  }

  get clockStartUs(): number {
    return this.#clockStartUs;
  }

  get programs(): ProgramTexts {
    return this.#programs;
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

  /** tcpdump's pcap, once the session is closed; none when it held the wire (its packets came from the kernel's queue). */
  rawCapture(): Uint8Array | undefined {
    return this.#pcap;
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
