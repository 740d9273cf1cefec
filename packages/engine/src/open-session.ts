import type { EngineSession } from './engine-session.ts';
import { RemoteSession } from './held/remote-session.ts';
import { Session, type SessionOptions } from './session.ts';

/** Opens a session; one that holds the wire runs in a child process inside its own network namespace. */
export function openSession(options: SessionOptions): Promise<EngineSession> {
  if (!options.hold) return Session.open(options);
  return RemoteSession.open({ scenario: options.scenario, hold: options.hold, ...(options.message !== undefined && { message: options.message }) });
}
