import type { ProgramTexts, ScenarioStep, SendData } from '@sockscope/protocol';
import type { SocketRegistry } from './registry.ts';
import type { TraceCall } from './trace.ts';

/** What the socket actors of a session share. */
export interface ActorContext {
  trace: TraceCall;
  registry: SocketRegistry;
  serverAddress: string;
  serverPort: number;
  /** A port of the server's address where nothing listens. */
  closedPort: number;
  message: Uint8Array;
  /**
   * The client's kernel has bound its socket (its local address is known): the SYN is on its way,
   * since `sentAtUs` (CLOCK_MONOTONIC µs) when the call that sent it was made in another process.
   */
  onClientBound(socket: string, sentAtUs?: number): void;
}

export interface StepRun {
  /** Settles when the step's own call has returned or failed. */
  completion: Promise<void>;
  /** A blocking call (accept, recv) returns whenever the peer acts; the step does not wait for it. */
  blocking: boolean;
  /** For a call made in another process: settles once it has started, which a blocking step waits for. */
  started?: Promise<void>;
}

export interface Actors {
  /** The program sleeps itself in a `wait` step (its own line); otherwise the session sleeps for it. */
  readonly sleeps?: boolean;
  /** The program text each side runs, where the actors are programs with lines (Python). */
  readonly programs?: ProgramTexts;
  run(step: ScenarioStep, index: number): StepRun;
  /** Closes every socket still open, tracing each close(), when a session ends early. */
  closeAll(): Promise<void>;
}

export class StepUsageError extends Error {}

/** The real file descriptor behind a Node handle, for the student who wants to see it. */
export function fdOf(owner: unknown): number | null {
  const fd = (owner as { _handle?: { fd?: unknown } } | null)?._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

export function blocking(completion: Promise<void>): StepRun {
  return { completion, blocking: true };
}

export function nonBlocking(completion: Promise<void>): StepRun {
  return { completion, blocking: false };
}

const PATTERN = new TextEncoder().encode('abcdefghijklmnopqrstuvwxyz');

/** The bytes a send step writes; `last` is what the same side received last, for an echo. */
export function bytesToSend(data: SendData, message: Uint8Array, side: string, last: Uint8Array | undefined): Uint8Array {
  if (data === 'message') return message;
  if (data === 'echo') {
    if (!last || last.length === 0) throw new StepUsageError(`the ${side} has received nothing to echo`);
    return last;
  }
  if ('text' in data) return new TextEncoder().encode(data.text);
  // A readable pattern, so that payload previews of bulk data still say something.
  const bytes = new Uint8Array(data.bytes);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = PATTERN[i % PATTERN.length] ?? 0x61;
  return bytes;
}
