import type { EngineSession } from './engine-session.ts';
import { SessionError } from './errors.ts';
import { RemoteSession } from './held/remote-session.ts';
import { Session, type SessionOptions } from './session.ts';

/** Opens a session; one that holds the wire runs in a child process inside its own network namespace. */
export function openSession(options: SessionOptions): Promise<EngineSession> {
  if (!options.hold) return Session.open(options);
  if (options.program === 'python') {
    return Promise.reject(new SessionError('hold-unavailable', 'a session of Python programs cannot hold the wire yet; run it without hold'));
  }
  return RemoteSession.open({ scenario: options.scenario, hold: options.hold, ...(options.message !== undefined && { message: options.message }) });
}
