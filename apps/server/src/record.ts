import { findScenario, BUILT_IN_SCENARIOS, openSession, SessionError, type EngineSession } from '@sockscope/engine';
import type { CaptureMode, HoldOptions } from '@sockscope/protocol';

/** Runs a scenario from its first step to its last; returns the ended session, its events and capture kept. */
export async function recordScenario(name: string, options: { message?: string; capture: CaptureMode; hold?: HoldOptions }): Promise<EngineSession> {
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
  return session;
}
