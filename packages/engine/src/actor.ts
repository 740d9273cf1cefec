import type { ScenarioStep } from '@sockscope/protocol';
import type { SocketRegistry } from './registry.ts';
import type { TraceCall } from './trace.ts';

/** What the socket actors of a session share. */
export interface ActorContext {
  trace: TraceCall;
  registry: SocketRegistry;
  serverAddress: string;
  serverPort: number;
  message: Uint8Array;
  /** The client's kernel has bound its socket (its local address is known): the SYN is on its way. */
  onClientBound(socket: string): void;
}

export interface StepRun {
  /** Settles when the step's own call has returned or failed. */
  completion: Promise<void>;
  /** A blocking call (accept, recv) returns whenever the peer acts; the step does not wait for it. */
  blocking: boolean;
}

export interface Actors {
  run(step: ScenarioStep): StepRun;
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
