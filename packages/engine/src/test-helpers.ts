import { byDrawingOrder, SessionEvent, type CallEvent, type SegmentEvent, type StateEvent } from '@sockscope/protocol';
import { expect } from 'vitest';
import { runToEnd, type EngineSession } from './engine-session.ts';
import { builtInScenario } from './scenarios/index.ts';
import { Session, type SessionOptions } from './session.ts';

/**
 * Runs a built-in scenario to its end on the real kernel and returns its events, ordered by `t`:
 * in this process by default, or as `open` opens it (`openSession`: in a namespace of its own, as the server does).
 */
export async function runScenario<S extends EngineSession = Session>(
  name: string, options: Omit<SessionOptions, 'scenario'>, open?: (options: SessionOptions) => Promise<S>,
) {
  const session = await runToEnd(await (open ?? Session.open)({ scenario: builtInScenario(name), ...options }));
  const events = [...session.log.all()];
  for (const event of events) expect(SessionEvent.safeParse(event).error).toBeUndefined();
  return { session, events, byTime: [...events].sort(byDrawingOrder) };
}

export const segments = (events: readonly SessionEvent[]) =>
  events.filter((event): event is SegmentEvent => event.kind === 'segment');

export const calls = (events: readonly SessionEvent[], side?: string) =>
  events.filter((event): event is CallEvent => event.kind === 'call' && (side === undefined || event.side === side));

export const states = (events: readonly SessionEvent[], socket: string) =>
  events.filter((event): event is StateEvent => event.kind === 'state' && event.socket === socket).map((event) => event.to);

export function flagsOf(segment: SegmentEvent): string {
  return segment.flags.join(', ');
}

export function findCall(events: readonly SessionEvent[], side: string, fn: CallEvent['fn'], phase: CallEvent['phase']): CallEvent {
  const call = calls(events, side).find((event) => event.fn === fn && event.phase === phase);
  if (!call) throw new Error(`no ${side} ${fn} ${phase} in the session`);
  return call;
}
