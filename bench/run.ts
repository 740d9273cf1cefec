// Benchmarks print figures; nothing here passes or fails on a timing. Run: npm run bench
import { benchCaptureLatency } from './capture-latency.ts';
import { benchFanout } from './fanout.ts';
import { benchLadderRender } from './ladder-render.ts';
import { benchPageLatency } from './page-latency.ts';
import { benchRecordingImport } from './recording-import.ts';
import { benchSessionOpen } from './session-open.ts';
import { benchSessionSteps } from './session-steps.ts';
import { benchWireReader } from './wire-reader.ts';

const sections: [string, () => Promise<string[]> | string[]][] = [
  ['pcap reader', () => benchWireReader(5)],
  ['capture import', () => benchRecordingImport(5)],
  ['capture latency', () => benchCaptureLatency()],
  ['opening a session', () => benchSessionOpen(10)],
  ['session steps', () => benchSessionSteps(5)],
  ['one session, many viewers', () => benchFanout()],
  ['ladder in headless Chromium', () => benchLadderRender(3)],
  ['live packets in the page', () => benchPageLatency(3)],
];

console.log(`sockscope benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const [title, run] of sections) {
  console.log(`\n## ${title}`);
  for (const line of await run()) console.log(line);
}
