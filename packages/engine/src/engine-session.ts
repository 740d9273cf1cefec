import type { CaptureStatus, HoldOptions, ProgramRuntime, ProgramTexts, Scenario, ScenarioInfo } from '@sockscope/protocol';
import { SessionError } from './errors.ts';
import type { HeldChoice, Verdict } from './held/held-packets.ts';
import type { SessionLog } from './session-log.ts';

/**
 * What the server needs of a running session, wherever it runs: in a child process inside a
 * network namespace of its own (`RemoteSession`, as `openSession` opens it), or in this process
 * (`Session`: the child's own, or where no namespace can be made).
 */
export interface EngineSession {
  readonly scenario: Scenario;
  readonly info: ScenarioInfo;
  readonly message: string;
  readonly log: SessionLog;
  readonly captureStatus: CaptureStatus;
  /** Realtime microseconds since the epoch at the session's t = 0: an event's `t` plus this is when it happened by the machine's clock. */
  readonly clockStartUs: number;
  /** Who makes the calls. */
  readonly program: ProgramRuntime;
  /** The Python programs as python3 runs them, for the page to show; empty for Node. */
  readonly programs: ProgramTexts;
  /** Hold the wire's settings; undefined for a session that does not hold the wire. */
  readonly hold: HoldOptions | undefined;
  /** The index of the step a `step()` would run; the number of steps begun. */
  readonly nextStep: number;
  readonly finished: boolean;
  readonly closed: boolean;
  /** A step is under way. */
  readonly busy: boolean;
  /** Packets in flight (held in the kernel's queue), oldest first: the ids of their events. */
  readonly heldPackets: number[];
  /** Runs the next step and resolves once the session is quiet again; refused as `stepRefusal` says. */
  step(): Promise<void>;
  /** Delivers or drops packets in flight; fails for a session that does not hold the wire. */
  decide(verdict: Verdict, choice?: HeldChoice): Promise<void>;
  /** Ends the session: closes what is still open, stops the capture, delivers what is held. */
  close(): Promise<void>;
  /** The pcap tcpdump wrote for this session, without sockscope's markers; undefined without tcpdump. */
  rawCapture(): Uint8Array | undefined;
}

/**
 * Why the session cannot run a step now, or undefined if it can: the one rule, and its words,
 * for the sessions themselves and for whoever steps them.
 */
export function stepRefusal(session: Pick<EngineSession, 'busy' | 'closed' | 'finished'>): SessionError | undefined {
  if (session.closed || session.finished) return new SessionError('session-over', 'the session has no steps left; reset it to start again');
  if (session.busy) return new SessionError('session-busy', 'a step is still running; try again when it ends');
  return undefined;
}

/** Throws the `stepRefusal`, if there is one. */
export function assertCanStep(session: Pick<EngineSession, 'busy' | 'closed' | 'finished'>): void {
  const refusal = stepRefusal(session);
  if (refusal) throw refusal;
}

/** Runs an open session's steps to its end and closes it, also when a step fails; returns it, its log kept. */
export async function runToEnd<S extends EngineSession>(session: S): Promise<S> {
  try {
    while (!session.finished) await session.step();
  } finally {
    await session.close();
  }
  return session;
}
