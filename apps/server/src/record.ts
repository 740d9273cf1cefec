import { findScenario, BUILT_IN_SCENARIOS, openSession, SessionError } from '@sockscope/engine';
import type { CaptureMode, HoldOptions, SessionEvent } from '@sockscope/protocol';

/** Runs a scenario from its first step to its last and returns every event of the session. */
export async function recordScenario(name: string, options: { message?: string; capture: CaptureMode; hold?: HoldOptions }): Promise<readonly SessionEvent[]> {
  const scenario = findScenario(name);
  if (!scenario) {
    throw new SessionError('unknown-scenario', `unknown scenario "${name}"; the scenarios are: ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const session = await openSession({
    scenario, capture: options.capture,
    ...(options.message !== undefined && { message: options.message }), ...(options.hold && { hold: options.hold }),
  });
  try {
    while (!session.finished) await session.step();
  } finally {
    await session.close();
  }
  return session.log.all();
}

export function toJsonLines(events: readonly SessionEvent[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n';
}
