import {
  builtInScenario, keepSpareSessionProcess, openSession, prepareSessionProcess, Session, spareSessionProcessReady, type EngineSession,
} from '@sockscope/engine';
import { formatMs, median, percentile } from './stats.ts';

async function timeOpen(open: () => Promise<EngineSession>): Promise<number> {
  const start = performance.now();
  const session = await open();
  const ms = performance.now() - start;
  await session.close();
  return ms;
}

/**
 * Opening tcp-echo (capture on): in this process on the machine's network (as before sessions had
 * namespaces), in a namespace of its own with a spare session process ready (a teacher's pace:
 * the spare is made while the session before runs), and with none ready (sessions opened faster
 * than spares are made). Interleaved, so that the machine's load weighs on each alike.
 */
export async function benchSessionOpen(opens: number): Promise<string[]> {
  const scenario = builtInScenario('tcp-echo');
  const times = { inProcess: [] as number[], spare: [] as number[], cold: [] as number[] };
  for (let i = 0; i < opens; i += 1) {
    times.inProcess.push(await timeOpen(() => Session.open({ scenario, capture: 'pcap' })));
    keepSpareSessionProcess(true);
    await prepareSessionProcess();
    await spareSessionProcessReady();
    times.spare.push(await timeOpen(() => openSession({ scenario, capture: 'pcap' })));
    keepSpareSessionProcess(false);
    times.cold.push(await timeOpen(() => openSession({ scenario, capture: 'pcap' })));
  }
  const figure = (values: number[]) => `p50 ${formatMs(median(values))}, p90 ${formatMs(percentile(values, 90))}`;
  return [
    `open a session (tcp-echo, capture on), ${opens} opens each: namespaced with a spare ready ${figure(times.spare)} `
      + `vs in-process ${figure(times.inProcess)}; namespaced with no spare ready ${figure(times.cold)}`,
  ];
}
