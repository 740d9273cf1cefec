import { parseArgs } from 'node:util';
import {
  BUILT_IN_SCENARIOS, builtInScenario, keepSpareSessionProcess, openSession, runToEnd,
} from '@sockscope/engine';
import {
  CAPTURE_MODES, CaptureMode, HoldOptions, MAX_HOLD_DELAY_MS, MAX_MESSAGE_BYTES, PROGRAM_RUNTIMES, ProgramRuntime, recordingToJsonLines,
  type CaptureMode as Mode,
} from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { UsageError, writeOutput } from './cli-output.ts';
import { sessionRecording } from './session-recording.ts';

function parseCapture(value: string | undefined): Mode {
  if (value === undefined) return 'auto';
  const parsed = CaptureMode.safeParse(value);
  if (!parsed.success) throw new UsageError(`--capture must be one of ${CAPTURE_MODES.join(', ')}, not "${value}"`);
  return parsed.data;
}

/** Left out: the engine chooses (Node, or Python for a scenario Node cannot run). */
function parseProgram(value: string | undefined): ProgramRuntime | undefined {
  if (value === undefined) return undefined;
  const parsed = ProgramRuntime.safeParse(value);
  if (!parsed.success) throw new UsageError(`--program must be one of ${PROGRAM_RUNTIMES.join(', ')}, not "${value}"`);
  return parsed.data;
}

/** `--hold [--delay MS] [--drop FLAGS]`: nobody is there to deliver by hand, so the delay defaults to 0. */
function parseHold(values: { hold?: boolean; delay?: string; drop?: string }): HoldOptions | undefined {
  if (!values.hold) {
    if (values.delay !== undefined || values.drop !== undefined) throw new UsageError('--delay and --drop need --hold');
    return undefined;
  }
  const delayMs = values.delay === undefined ? 0 : Number(values.delay);
  const parsed = HoldOptions.safeParse({ delayMs, ...(values.drop !== undefined && { drop: values.drop }) });
  if (!parsed.success) {
    throw new UsageError(`--delay must be a whole number of milliseconds from 0 to ${MAX_HOLD_DELAY_MS}, not "${values.delay}"`);
  }
  return parsed.data;
}

export async function record(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      message: { type: 'string' }, capture: { type: 'string' }, out: { type: 'string' }, save: { type: 'boolean' },
      hold: { type: 'boolean' }, delay: { type: 'string' }, drop: { type: 'string' }, program: { type: 'string' },
    },
  });
  const [name, ...extra] = positionals;
  if (!name) throw new UsageError(`record needs a scenario: one of ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}`);
  if (extra.length > 0) throw new UsageError(`record takes one scenario, not also "${extra.join(' ')}"`);
  if (values.message !== undefined) {
    const bytes = new TextEncoder().encode(values.message).length;
    if (bytes === 0) throw new UsageError('--message must not be empty');
    if (bytes > MAX_MESSAGE_BYTES) throw new UsageError(`--message has ${bytes} bytes; at most ${MAX_MESSAGE_BYTES} fit`);
  }
  const hold = parseHold(values);
  const program = parseProgram(values.program);
  // Opened first: a store that cannot be opened fails the command before the session runs.
  const store = values.save ? await RecordingStore.open() : undefined;
  // One session and done: no spare session process for a next one.
  keepSpareSessionProcess(false);
  const session = await runToEnd(await openSession({
    scenario: builtInScenario(name), capture: parseCapture(values.capture),
    ...(values.message !== undefined && { message: values.message }), ...(hold && { hold }),
    ...(program !== undefined && { program }),
  }));
  const { recording, options } = sessionRecording(session);
  await writeOutput(values.out, recordingToJsonLines(recording));
  if (values.out) process.stderr.write(`sockscope: wrote ${session.log.lastId} events to ${values.out}\n`);
  if (store) process.stderr.write(`saved ${(await store.save(recording, options)).id}\n`);
  // The recording is written either way: it shows how the run failed.
  const failures = session.log.all().flatMap((event) => (event.kind === 'note' && event.code === 'error' ? [event.text] : []));
  if (failures.length > 0) throw new Error(`the run failed: ${failures.join('; ')}`);
}


/** `scenarios`: one line each, name, protocol and what it teaches. */
export function listScenarios(): void {
  for (const scenario of BUILT_IN_SCENARIOS) process.stdout.write(`${scenario.name}\t${scenario.proto}\t${scenario.description}\n`);
}
