import { z } from 'zod';
import { ClassInfoMessage, ClassViewMessage, JoinClass, OpenClass, SetClassView } from './class-messages.ts';
import { envelope, PROTOCOL_VERSION, RequestId } from './envelope.ts';
import { SessionEvent } from './events.ts';
import { ProgramTexts, PythonAvailability } from './programs.ts';
import { CaptureMode, MAX_MESSAGE_BYTES, ProgramRuntime, ScenarioInfo, StepInfo } from './scenario.ts';
import { answerFields, askFields, questionFields, revealedFields, revealFields, tallyFields } from './question-messages.ts';

export { PROTOCOL_VERSION, RequestId };

/** Largest WebSocket message the server accepts, in bytes (ws `maxPayload`). */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
export const WS_PATH = '/ws';

const requestId = RequestId.optional();
const sessionId = z.string().min(1).max(64);

export const MAX_HOLD_DELAY_MS = 2000;

/** A client's secret: 128 random bits, base64url. */
export const ClientKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a client key from the server\'s welcome');

export const HoldOptions = z.object({
  /** Deliver each packet this long after it was queued; without it, packets wait for the user. */
  delayMs: z.number().int().min(0).max(MAX_HOLD_DELAY_MS).optional(),
  /** Drop the first packet of this kind once: TCP flags as Wireshark names them (`SYN, ACK`), or `UDP`. */
  drop: z.string().min(1).max(32).optional(),
}).strict();
export type HoldOptions = z.infer<typeof HoldOptions>;

/** Whether this server can hold the wire, and if not, why and what would enable it. */
export const HoldAvailability = z.union([
  z.object({ available: z.literal(true), namespace: z.enum(['root', 'user']) }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type HoldAvailability = z.infer<typeof HoldAvailability>;

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('list-scenarios') }),
  /** Be the client whose key a `welcome` gave earlier (the page's own, kept across reloads): its sessions are its to drive. */
  z.object({ ...envelope, type: z.literal('resume-client'), clientKey: ClientKey }),
  z.object({
    ...envelope,
    type: z.literal('create-session'),
    /**
     * A built-in scenario's name, or a whole scenario (one a teacher wrote). The server checks a
     * whole scenario against `Scenario` and answers `bad-scenario` naming the field at fault.
     */
    scenario: z.union([z.string().min(1).max(64), z.record(z.string(), z.unknown())]),
    message: z.string().min(1).refine((text) => new TextEncoder().encode(text).length <= MAX_MESSAGE_BYTES, {
      message: `at most ${MAX_MESSAGE_BYTES} bytes`,
    }).optional(),
    capture: CaptureMode.optional(),
    /** Hold the wire: every packet waits in the kernel's queue until delivered or dropped. */
    hold: HoldOptions.optional(),
    /** Who makes the calls: Node (the default) or the scenario's generated Python programs. */
    program: ProgramRuntime.optional(),
  }),
  /** Receive the session's events with `id > afterId`, then every new one. */
  z.object({ ...envelope, type: z.literal('subscribe'), sessionId, afterId: z.number().int().min(0) }),
  z.object({ ...envelope, type: z.literal('unsubscribe'), sessionId }),
  z.object({ ...envelope, type: z.literal('step'), sessionId }),
  z.object({ ...envelope, type: z.literal('run'), sessionId, paceMs: z.number().int().min(0).max(10_000).optional() }),
  z.object({ ...envelope, type: z.literal('pause'), sessionId }),
  /** Hold the wire: deliver the packet in flight (the oldest, or the one whose event id is `packet`), or all of them. */
  z.object({ ...envelope, type: z.literal('deliver'), sessionId, packet: z.number().int().positive().optional(), all: z.boolean().optional() }),
  z.object({ ...envelope, type: z.literal('drop'), sessionId, packet: z.number().int().positive().optional() }),
  /** End the session and start a fresh one of the same scenario; the reply is the new session. */
  z.object({ ...envelope, type: z.literal('reset'), sessionId }),
  OpenClass, JoinClass, SetClassView,
  z.object({ ...envelope, ...askFields }),
  z.object({ ...envelope, ...answerFields }),
  z.object({ ...envelope, ...revealFields }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const SESSION_STATUSES = ['ready', 'stepping', 'running', 'finished', 'failed', 'closed'] as const;

export const CaptureStatus = z.object({
  /** `pcap`: packets are captured on the wire; `inferred`: they are derived from the calls. */
  mode: z.enum(['pcap', 'inferred']),
  /** Why capture is off, and how to turn it on. */
  reason: z.string().optional(),
  /** Where captured packets come from: tcpdump on lo, or the kernel's queue when the session holds the wire. */
  via: z.enum(['tcpdump', 'nfqueue']).optional(),
  /**
   * Whose network the session ran in: `own`, a network namespace made for it (its ports, socket
   * tables and counters are its alone), or not (`reason`: why none could be made; it shares them
   * with the machine). Absent in recordings made before sessions had namespaces.
   */
  network: z.object({ own: z.boolean(), reason: z.string().optional() }).optional(),
});
export type CaptureStatus = z.infer<typeof CaptureStatus>;

export const SessionInfo = z.object({
  id: sessionId,
  scenario: z.string(),
  /** True when the session runs a scenario sent by a client rather than a built-in one. */
  custom: z.boolean().optional(),
  title: z.string(),
  /** A sent scenario's own description, when it has one (a built-in one's the page knows, in its language). */
  description: z.string().optional(),
  proto: z.enum(['tcp', 'udp']),
  message: z.string(),
  capture: CaptureStatus,
  status: z.enum(SESSION_STATUSES),
  /** Index of the step that runs next; equals `steps.length` when all have run. */
  nextStep: z.number().int().min(0),
  steps: z.array(StepInfo),
  lastEventId: z.number().int().min(0),
  /**
   * Realtime microseconds since the epoch at the session's t = 0 (its clock, the one pcap
   * timestamps use): an event's t plus this is when it happened by the server machine's clock,
   * so a viewer on that machine can time a captured packet's way to its screen.
   */
  clockStartUs: z.number().nonnegative().optional(),
  error: z.string().optional(),
  /** Set when the session holds the wire. */
  hold: HoldOptions.optional(),
  /** Who makes the calls; absent from servers before the choice existed: Node. */
  program: ProgramRuntime.optional(),
  /** The Python programs the session runs, exactly as python3 runs them (absent for Node). */
  programs: ProgramTexts.optional(),
  /** Set on a session that `reset` ended: the session that replaced it. */
  replacedBy: z.string().optional(),
  /** Set once the ended session is saved: the id of its recording (see RECORDINGS_API_PATH). */
  recordingId: z.string().optional(),
  /**
   * Said to each client about itself: true for the client that started the session (its
   * presenter, who alone may step, run, pause, reset, deliver or drop), false for a watcher.
   */
  presenter: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ERROR_CODES = [
  'bad-json', 'bad-message', 'too-large', 'rate-limited', 'unknown-scenario', 'bad-scenario', 'unknown-session',
  'session-busy', 'session-over', 'capture-unavailable', 'too-many-sessions', 'hold-unavailable', 'python-unavailable', 'runtime-unavailable', 'nothing-held', 'not-presenter', 'unknown-class', 'no-question', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ServerMessage = z.discriminatedUnion('type', [
  /**
   * `clientKey`: this connection's client, a secret a page keeps (never in a link) and sends
   * back with `resume-client` after a reload or a reconnect to be the same client again.
   */
  z.object({
    v: z.literal(PROTOCOL_VERSION), type: z.literal('welcome'), serverVersion: z.string(), hold: HoldAvailability.optional(),
    /** Whether sessions can run as Python programs here: the page offers Python first when they can. */
    python: PythonAvailability.optional(),
    clientKey: ClientKey.optional(),
    /** Whether this browser runs on the server's own machine: only such a browser may rename or delete recordings. */
    thisMachine: z.boolean().optional(),
  }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('scenarios'), requestId, scenarios: z.array(ScenarioInfo) }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('session'), requestId, session: SessionInfo }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('events'), sessionId, events: z.array(SessionEvent) }),
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal('error'),
    requestId,
    code: z.enum(ERROR_CODES),
    message: z.string(),
  }),
  ClassInfoMessage, ClassViewMessage,
  z.object({ v: z.literal(PROTOCOL_VERSION), ...questionFields }),
  z.object({ v: z.literal(PROTOCOL_VERSION), ...tallyFields }),
  z.object({ v: z.literal(PROTOCOL_VERSION), ...revealedFields }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
