import type { EngineSession } from './engine-session.ts';
import { SessionError } from './errors.ts';
import { RemoteSession } from './held/remote-session.ts';
import { networkNamespace } from './netns/namespace.ts';
import { runtimeFor } from './runtime.ts';
import { Session, type SessionOptions } from './session.ts';

/**
 * Opens a session in a network namespace of its own, run by a child process there, so that its
 * ports, socket tables and counters are its alone. Where no namespace can be made, one that does
 * not hold the wire runs here in the machine's network, and says so.
 */
export async function openSession(options: Omit<SessionOptions, 'network'>): Promise<EngineSession> {
  // Refused here, with its reason, before a namespace and a child process are made for it.
  const program = runtimeFor(options.scenario, options.program);
  if (options.hold && program === 'python') {
    throw new SessionError('hold-unavailable', 'a session of Python programs cannot hold the wire yet; run it without hold');
  }
  const namespace = await networkNamespace();
  if (namespace.available || options.hold) {
    return RemoteSession.open({
      scenario: options.scenario, capture: options.capture,
      ...(options.hold && { hold: options.hold }), ...(options.message !== undefined && { message: options.message }),
      ...(options.program !== undefined && { program: options.program }),
    });
  }
  return Session.open({ ...options, network: { own: false, reason: namespace.reason } });
}
