import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeScenario, isForward, type ProgramRuntime, type ProgramTexts, isWireEvent, type CallEvent, type HoldOptions, type SessionEvent, type CaptureMode, type CaptureStatus, type NewEvent, type Scenario,
  type ScenarioInfo, type SegmentEvent, type WireEvent,
} from '@sockscope/protocol';
import { PacketMapper, RetransmitTracker, TcpStateTracker, type SegmentEnd, type StateChange } from '@sockscope/analysis';
import { decodePacket, LINK_TYPES, type CaptureRecord, type DecodedPacket } from '@sockscope/wire';
import { BlockedCalls, CALL_WAIT_LIMIT_MS, waitForBlockedCalls } from './held/call-wait.ts';
import { HeldPackets, type HeldChoice, type Verdict } from './held/held-packets.ts';
import type { QueuedPacket } from './held/nfqueue.ts';
import type { Actors } from './actor.ts';
import { allocateSessionAddress, CLOSED_PORT, SERVER_PORT } from './addresses.ts';
import { CaptureUnavailableError, PacketCapture } from './capture.ts';
import { startSessionClock, type SessionClock } from './clock.ts';
import { assertCanStep, type EngineSession } from './engine-session.ts';
import { runtimeFor } from './runtime.ts';
import { messageOf, SessionError } from './errors.ts';
import { WireInference } from './infer-wire.ts';
import { KernelReadings } from './kernel-readings.ts';
import { networkNote, type NetworkStatus } from './netns/network-note.ts';
import type { PreparedCapture } from './netns/prepared-capture.ts';
import { SocketRegistry, type SocketEntry } from './registry.ts';
import { SessionLog } from './session-log.ts';
import { TcpActors } from './tcp-actors.ts';
import { PythonActors } from './python/python-actors.ts';
import type { CallRecord } from './trace.ts';
import { UdpActors } from './udp-actors.ts';

export interface SessionOptions {
  scenario: Scenario;
  /** Overrides the scenario's message. */
  message?: string;
  capture: CaptureMode;
  /**
   * Hold the wire: packets come from the kernel's queue (NFQUEUE) and wait there for a verdict.
   * Only inside a network namespace of the session's own: `openSession` runs such a session in
   * a child process there (held/remote-session.ts); `Session.open` with `hold` is that child's.
   */
  hold?: HoldOptions;
  /**
   * Who makes the calls: Node's net and dgram, or a pair of real Python programs (python/). Left
   * out: Node, unless the scenario has a step only Python can make (runtimeFor).
   */
  program?: ProgramRuntime;
  /** Whose network the session runs in, as its capture status and a note say; unsaid when not given. */
  network?: NetworkStatus;
  /** The address and the capture a spare session process started ahead (netns/prepared-capture.ts). */
  prepared?: PreparedCapture;
}

/** How long a step waits for quiet (no new events) before it counts as done. */
const QUIET_MS = 30;
const SETTLE_LIMIT_MS = 3000;

type SegmentPart = 'both' | 'send' | 'receive';
/** How long a non-blocking call (connect, send, close) may take before the step moves on without it. */
const CALL_LIMIT_MS = 3000;

/**
 * One real session: a scenario's steps run on real sockets, one at a time, with every call,
 * packet, state change and kernel reading appended to one log.
 */
export class Session implements EngineSession {
  readonly log = new SessionLog();
  readonly info: ScenarioInfo;
  readonly message: string;
  readonly #clock: SessionClock = startSessionClock();
  readonly #registry = new SocketRegistry();
  readonly #tracker = new TcpStateTracker();
  readonly #retransmits = new RetransmitTracker();
  readonly #kernel: KernelReadings;
  readonly #address: { address: string; release(): void };
  readonly #actors: Actors;
  #capture: PacketCapture | undefined;
  #mapper: PacketMapper | undefined;
  #inference: WireInference | undefined;
  #captureStatus: CaptureStatus = { mode: 'inferred' };
  #held: HeldPackets | undefined;
  readonly #blocked = new BlockedCalls();
  #kernelReading: Promise<void> | undefined;
  #nextStep = 0;
  /** The step under way, so that closing waits for it rather than pulling its sockets away. */
  #running: Promise<void> | undefined;
  #closed = false;
  /** Set while the session ends: packets queued now are delivered at once. */
  #closing = false;

  private constructor(readonly scenario: Scenario, private readonly options: SessionOptions) {
    const program = runtimeFor(scenario, options.program);
    this.info = describeScenario(scenario);
    this.message = options.message ?? scenario.message;
    this.#address = options.prepared?.address ?? allocateSessionAddress();
    this.#kernel = new KernelReadings(this.#registry, this.log, () => this.#now());
    const context = {
      trace: (call: CallRecord) => this.#onCall(call),
      registry: this.#registry,
      serverAddress: this.address,
      serverPort: SERVER_PORT,
      closedPort: CLOSED_PORT,
      message: new TextEncoder().encode(this.message),
      onClientBound: (socket: string, sentAtUs?: number) => this.#onClientBound(socket, sentAtUs),
    };
    try {
      this.#actors = program === 'python' ? new PythonActors(context, scenario)
        : scenario.proto === 'tcp' ? new TcpActors(context) : new UdpActors(context);
    } catch (error) {
      this.#address.release();
      throw error;
    }
  }

  /** Opens a session; with capture `pcap`, fails with `capture-unavailable` if capture cannot start. */
  static async open(options: SessionOptions): Promise<Session> {
    const session = new Session(options.scenario, options);
    await session.#kernel.start();
    if (options.hold) await session.#startQueue(options.hold);
    else await session.#startCapture(options.capture);
    if (options.network) {
      session.#captureStatus = { ...session.#captureStatus, network: options.network };
      session.#note('network', options.network.own ? 'info' : 'warn', networkNote(options.network));
    }
    return session;
  }

  get address(): string {
    return this.#address.address;
  }

  get clockStartUs(): number {
    return this.#clock.startUs;
  }

  get captureStatus(): CaptureStatus {
    return this.#captureStatus;
  }

  get program(): ProgramRuntime {
    return this.options.program ?? 'node';
  }

  get programs(): ProgramTexts {
    return this.#actors.programs ?? [];
  }

  get hold(): HoldOptions | undefined {
    return this.options.hold;
  }

  /** The pcap tcpdump wrote for this session, byte for byte without sockscope's markers; undefined without capture. */
  rawCapture(): Uint8Array | undefined {
    return this.#capture?.rawCapture();
  }

  get nextStep(): number {
    return this.#nextStep;
  }

  get finished(): boolean {
    return this.#nextStep >= this.scenario.steps.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get busy(): boolean {
    return this.#running !== undefined;
  }

  #now(): number {
    return this.#clock.nowUs();
  }

  #note(code: Extract<NewEvent, { kind: 'note' }>['code'], level: 'info' | 'warn' | 'error', text: string, step?: { index: number; label: string }): void {
    this.log.append({ kind: 'note', source: 'traced', t: this.#now(), code, level, text, ...(step && { step }) });
  }

  async #startCapture(mode: CaptureMode): Promise<void> {
    this.#note('session-start', 'info', `${this.scenario.title}: the server uses ${this.address}:${SERVER_PORT}; the message is "${this.message}".`);
    if (mode !== 'off') {
      try {
        const hooks = {
          onPacket: (record: CaptureRecord, packet: DecodedPacket) => this.#onPacket(record, packet),
          onFailure: (reason: string) => this.#note('capture', 'error', `Packet capture stopped: ${reason}. Packets after this point are missing.`),
          onRawCaptureFull: (limit: number) => this.#note('capture', 'warn', `The capture passed ${limit / 1024 / 1024} MiB: packets from here on are drawn, but their bytes are not kept for pcap export.`),
        };
        this.#capture = await (this.options.prepared?.start(hooks) ?? PacketCapture.start({ address: this.address, ...hooks }));
        this.#mapper = new PacketMapper((address) => this.#sideOfAddress(address));
        this.#captureStatus = { mode: 'pcap', via: 'tcpdump' };
        this.#note('capture', 'info', `Capture on: tcpdump on lo, filter "host ${this.address}". Packets are drawn as captured.`);
        return;
      } catch (error) {
        if (!(error instanceof CaptureUnavailableError)) throw error;
        if (mode === 'pcap') {
          this.#address.release();
          throw new SessionError('capture-unavailable', `Packet capture was required but cannot start: ${error.message}`);
        }
        this.#captureStatus = { mode: 'inferred', reason: error.message };
      }
    } else {
      this.#captureStatus = { mode: 'inferred', reason: 'capture was turned off for this session' };
    }
    this.#inference = new WireInference(
      (endpoint) => this.#sideOfAddress(endpoint.slice(0, endpoint.lastIndexOf(':'))),
      (socket) => this.#registry.get(socket)?.local,
    );
    this.#note('capture', 'warn', `Capture off: ${this.#captureStatus.reason}. Packets are inferred from the socket calls (drawn dashed).`);
  }

  async #startQueue(hold: HoldOptions): Promise<void> {
    this.#note('session-start', 'info', `${this.scenario.title}: the server uses ${this.address}:${SERVER_PORT}; the message is "${this.message}".`);
    this.#held = await HeldPackets.open(hold, {
      log: this.log,
      now: () => this.#now(),
      onPacket: (packet) => this.#onQueued(packet),
      onFailure: (reason) => this.#note('capture', 'error', `The packet queue: ${reason}`),
      afterVerdict: (event, verdict, t) => this.#afterVerdict(event, verdict, t),
    });
    this.#mapper = new PacketMapper((address) => this.#sideOfAddress(address));
    this.#captureStatus = { mode: 'pcap', via: 'nfqueue' };
    this.#note('capture', 'info', this.#held.describe());
  }

  #onQueued(queued: QueuedPacket): void {
    const packet = decodePacket(LINK_TYPES.RAW, queued.data, queued.data.length);
    const event = this.#mapper?.map(this.#clock.fromMonotonicUs(queued.monotonicUs), packet);
    if (!isWireEvent(event) || this.#closing) {
      this.#held?.pass(queued.id);
      if (event && event.kind !== 'note') this.#onWire(event);
      return;
    }
    event.hold = { packet: queued.id };
    // The sender's side of the segment happens now; the receiver's when it is delivered.
    const logged = this.#onWire(event, 'send');
    if (isWireEvent(logged)) this.#held?.keep(queued.id, logged);
  }

  #afterVerdict(event: WireEvent, verdict: Verdict, t: number): void {
    if (verdict === 'delivered' && event.kind === 'segment') {
      this.#states(this.#trackSegment({ ...event, t }, 'receive'), 'inferred');
    }
    if (!this.#closing) this.#kernelReading ??= this.#readAfterDelivery();
  }

  /** Between packets the kernel's table shows the true states: read it once the kernels have reacted. */
  async #readAfterDelivery(): Promise<void> {
    await this.#settle();
    this.#kernelReading = undefined;
    if (!this.#closed) await this.#readKernel();
  }

  /** Packets in flight, oldest first: the ids of their events. */
  get heldPackets(): number[] {
    return this.#held?.ids ?? [];
  }

  /** Delivers (or drops) the packet in flight whose event id is given, or the oldest; `all` delivers every one. */
  async decide(verdict: Verdict, choice: HeldChoice = {}): Promise<void> {
    if (!this.#held) throw new SessionError('hold-unavailable', 'this session does not hold the wire');
    this.#held.decide(verdict, choice);
    await this.#kernelReading;
  }

  #sideOfAddress(address: string): string {
    return address === this.address ? 'server' : 'client';
  }

  /** A call made in another process carries its own monotonic clock reading, taken as it happened. */
  #onCall({ monotonicUs, ...call }: CallRecord & { monotonicUs?: number }): void {
    const t = monotonicUs === undefined ? this.#now() : this.#clock.fromMonotonicUs(monotonicUs);
    const event = this.log.append({ ...call, kind: 'call', source: 'traced', t }) as CallEvent;
    const entry = this.#registry.get(event.socket);
    if (entry?.role === 'listener' && event.phase === 'return') {
      if (event.fn === 'listen') this.#states(this.#tracker.onListen(event.t, event.side, event.socket), 'inferred');
      if (event.fn === 'close') this.#states(this.#tracker.onListenerClosed(event.t, event.side, event.socket), 'inferred');
    }
    for (const wire of this.#inference?.onCall(event) ?? []) this.#onWire(wire);
  }

  #onClientBound(socket: string, sentAtUs?: number): void {
    const client = this.#registry.get(socket);
    if (!this.#inference || !client?.local || !client.remote) return;
    const listener = this.#registry.findListener(client.remote);
    const server = listener ? this.#registry.childOf(listener, client.local) : undefined;
    const segments = this.#inference.connectStarted(
      sentAtUs === undefined ? this.#now() : this.#clock.fromMonotonicUs(sentAtUs),
      { socket: client.id, side: client.side, endpoint: client.local },
      { socket: server?.id ?? '', side: 'server', endpoint: client.remote },
    );
    for (const segment of segments) this.#onWire(segment);
  }

  #onPacket(record: CaptureRecord, packet: DecodedPacket): void {
    const event = this.#mapper?.map(this.#clock.fromRealtimeUs(record.tsUs), packet);
    if (event) this.#onWire(event);
  }

  #onWire(event: NewEvent, part: SegmentPart = 'both'): SessionEvent {
    if (event.kind === 'segment') Object.assign(event, this.#retransmits.analyze(event, this.log.lastId + 1));
    const logged = this.log.append(event);
    if (logged.kind !== 'segment') return logged;
    this.#states(this.#trackSegment(logged, part), 'inferred');
    return logged;
  }

  /** A segment changes its sender's state when it leaves and its receiver's when it arrives. */
  #trackSegment(segment: SegmentEvent, part: SegmentPart = 'both'): StateChange[] {
    const end = (entry: SocketEntry | undefined): SegmentEnd | undefined =>
      entry && { id: entry.id, side: entry.side, fromListener: entry.parent !== undefined };
    const syn = segment.flags.includes('SYN') && !segment.flags.includes('ACK');
    const sender = this.#registry.findTcp(segment.src, segment.dst) ?? (syn ? this.#registry.adoptSyn(segment.src, segment.dst) : undefined);
    let receiver = this.#registry.findTcp(segment.dst, segment.src);
    if (!receiver && part !== 'send' && syn) {
      const listener = this.#registry.findListener(segment.dst);
      if (listener) receiver = this.#registry.childOf(listener, segment.src);
    }
    return this.#tracker.onSegment(segment, part === 'receive' ? undefined : end(sender), part === 'send' ? undefined : end(receiver));
  }

  #states(changes: StateChange[], source: 'inferred' | 'kernel'): void {
    for (const change of changes) this.log.append({ kind: 'state', source, ...change });
  }

  /** Runs the next step on the real sockets and resolves once the session is quiet again. */
  async step(): Promise<void> {
    assertCanStep(this);
    this.#running = this.#runStep(this.#nextStep);
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  async #runStep(index: number): Promise<void> {
    const step = this.scenario.steps[index];
    const label = this.info.steps[index]?.label ?? '';
    if (!step) return;
    this.#note('step-start', 'info', `Step ${index + 1}: ${label}`, { index, label });
    this.#nextStep += 1;
    const reportFailure = (error: unknown) =>
      this.#note('error', 'error', `Step ${index + 1} (${label}) failed: ${messageOf(error)}`, { index, label });
    try {
      // A wait is the program sleeping: no call, while the kernel goes on (retransmits, probes).
      if (step.op === 'wait' && !this.#actors.sleeps) await sleep(step.ms);
      else {
        const run = this.#actors.run(step, index);
        if (run.blocking) {
          this.#blocked.add(`the ${step.side}'s ${step.op}()`, run.completion.catch(reportFailure));
          if (run.started) await Promise.race([run.started, sleep(CALL_LIMIT_MS)]);
        } else await Promise.race([run.completion.catch(reportFailure), sleep(CALL_LIMIT_MS + (step.op === 'wait' ? step.ms : 0))]);
      }
    } catch (error) {
      reportFailure(error);
    }
    await this.#settle();
    await this.#readKernel();
    if (this.#held && await this.#waitForWire(index, label)) await this.#readKernel();
    this.#note('step-end', 'info', `Step ${index + 1} done: ${label}`, { index, label });
  }

  /**
   * Holding the wire, quiet is not the end while a call waits on what is still on the wire (see
   * waitForBlockedCalls); the kernel's table was read as the wait began. Whether anything happened since.
   */
  async #waitForWire(index: number, label: string): Promise<boolean> {
    const before = this.log.lastId;
    const still = await waitForBlockedCalls({
      calls: this.#blocked, waitingOn: () => this.#held?.waitingOn(), lastId: () => this.log.lastId, stopped: () => this.#closed,
    });
    if (!still) {
      if (this.log.lastId === before) return false;
      await this.#settle();
      return true;
    }
    const waited = (still.waitedMs / 1000).toFixed(1);
    this.#note('error', 'error', `Step ${index + 1} (${label}) ends with ${still.calls.join(' and ')} still waiting after ${waited} s, `
      + `nothing having happened for ${CALL_WAIT_LIMIT_MS / 1000} s: ${still.reason}.`, { index, label });
    return false;
  }

  /** Waits until no new event has come for a quiet spell and the capture has caught up. */
  async #settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    let seen = -1;
    // Packets that will be delivered by themselves (a delay) are not quiet yet: wait for them.
    while (Date.now() < deadline && (this.log.lastId !== seen || this.#held?.timed)) {
      seen = this.log.lastId;
      await sleep(QUIET_MS);
      if (this.#capture) await this.#capture.flush();
    }
  }

  /** Reads the kernel's socket table, and lets it correct the states the segments suggested. */
  async #readKernel(): Promise<void> {
    const kernelStates = await this.#kernel.read();
    const t = this.#now();
    for (const { entry, state } of kernelStates) {
      for (const ack of this.#inference?.kernelSaw(t, entry.id, state) ?? []) this.#onWire(ack);
    }
    for (const { entry, state } of kernelStates) {
      const tracked = this.#tracker.stateOf(entry.id);
      if (state === tracked) continue;
      // A reading taken between a segment and the state it causes lags behind: never a step back.
      if (!isForward(tracked, state)) continue;
      this.#note('state-mismatch', 'warn', `The kernel reports ${entry.side} socket ${entry.id} in ${state}; the packets suggested ${tracked}.`);
      this.#states(this.#tracker.correct(this.#now(), entry.side, entry.id, state), 'kernel');
    }
  }

  /** Ends the session: closes what is still open (each close traced), stops the capture. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#running?.catch(() => undefined);
    // Nothing stays held: packets in flight are delivered, and so is every packet from now on.
    this.#closing = true;
    this.#held?.deliverAll();
    try {
      await this.#actors.closeAll();
      await this.#settle();
      await this.#readKernel();
    } catch (error) {
      this.#note('error', 'error', `Closing the session's sockets failed: ${messageOf(error)}`);
    } finally {
      await this.#capture?.stop();
      await this.#held?.close();
      this.#address.release();
      this.#note('session-end', 'info', this.finished ? 'The session is over.' : `The session was ended after step ${this.#nextStep}.`);
    }
  }
}
