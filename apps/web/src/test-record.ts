import { findScenario, Session } from '@sockscope/engine';
import type { SessionEvent } from '@sockscope/protocol';

/** For tests: records a built-in scenario on the real kernel with tcpdump capture; its events in drawing order. */
export async function recordScenario(name: string): Promise<SessionEvent[]> {
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const session = await Session.open({ scenario, capture: 'pcap' });
  try {
    while (!session.finished) await session.step();
  } finally {
    await session.close();
  }
  return [...session.log.all()].sort((a, b) => a.t - b.t || a.id - b.id);
}
