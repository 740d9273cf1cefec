import { builtInScenario, Session } from '@sockscope/engine';
import type { CaptureMode } from '@sockscope/protocol';
import { formatMs, median } from './stats.ts';

/** Wall time of one step (its calls, the settle wait, the kernel reading), across whole sessions. */
async function stepTimes(name: string, capture: CaptureMode, sessions: number): Promise<{ steps: number[]; opens: number[] }> {
  const scenario = builtInScenario(name);
  const steps: number[] = [];
  const opens: number[] = [];
  for (let i = 0; i < sessions; i += 1) {
    const opened = performance.now();
    const session = await Session.open({ scenario, capture });
    opens.push(performance.now() - opened);
    while (!session.finished) {
      const start = performance.now();
      await session.step();
      steps.push(performance.now() - start);
    }
    await session.close();
  }
  return { steps, opens };
}

export async function benchSessionSteps(sessions: number): Promise<string[]> {
  const lines: string[] = [];
  for (const capture of ['off', 'pcap'] as const) {
    for (const name of ['tcp-echo', 'udp-echo']) {
      const { steps, opens } = await stepTimes(name, capture, sessions);
      lines.push(`${name} with capture ${capture === 'off' ? 'off (baseline)' : 'on'}, ${sessions} sessions: `
        + `open median ${formatMs(median(opens))}, step median ${formatMs(median(steps))}, slowest step ${formatMs(Math.max(...steps))}`);
    }
  }
  return lines;
}
