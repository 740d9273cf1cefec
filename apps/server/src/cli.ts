import { parseArgs } from 'node:util';
import {
  BUILT_IN_SCENARIOS, builtInScenario, findTcpdump, INSTALL_TCPDUMP, keepSpareSessionProcess, openSession, prepareSessionProcess, runToEnd, SessionError,
} from '@sockscope/engine';
import {
  CAPTURE_MODES, CaptureMode, DEFAULT_MAX_IMPORT_BYTES, HoldOptions, MAX_HOLD_DELAY_MS, MAX_MESSAGE_BYTES, PROGRAM_RUNTIMES, ProgramRuntime, recordingToJsonLines,
  type CaptureMode as Mode,
} from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
import { UsageError, writeOutput } from './cli-output.ts';
import { COMMAND_USAGE, isCommand, USAGE, VERSION } from './cli-usage.ts';
import { exportCommand, importCommand, recordingsCommand } from './cli-recordings.ts';
import { servedHosts } from './host-check.ts';
import { classReach } from './reach.ts';
import { createSockscopeServer } from './http-server.ts';
import { sessionRecording } from './session-recording.ts';
import { SessionManager } from './session-manager.ts';

function fail(message: string, code = 1): never {
  process.stderr.write(`sockscope: ${message}\n`);
  process.exit(code);
}

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

async function record(args: string[]): Promise<void> {
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

function maxImportBytes(): number {
  const value = process.env.SOCKSCOPE_MAX_IMPORT_BYTES;
  if (value === undefined) return DEFAULT_MAX_IMPORT_BYTES;
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes < 1) throw new UsageError(`SOCKSCOPE_MAX_IMPORT_BYTES must be a whole number of bytes, not "${value}"`);
  return bytes;
}

async function serve(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`PORT must be a port number, not "${process.env.PORT}"`);
  const host = process.env.HOST ?? '127.0.0.1';
  const store = await RecordingStore.open();
  const manager = new SessionManager({ defaultCapture: 'auto', store });
  const reach = classReach(host);
  // The first session opens as quickly as the next: its process (and namespace, and tcpdump) is made now.
  void prepareSessionProcess();
  const sockscope = createSockscopeServer(manager, { serverVersion: VERSION, store, maxImportBytes: maxImportBytes(), hosts: servedHosts(host), reach });
  sockscope.server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') fail(`port ${port} is already in use; stop the program using it or choose another: PORT=${port + 1} npm start`);
    if (error.code === 'EACCES') fail(`port ${port} needs privileges here; choose one above 1023: PORT=8080 npm start`);
    fail(`the server could not start: ${error.message}`);
  });
  sockscope.server.listen(port, host, () => {
    const address = sockscope.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
    process.stdout.write(`sockscope is running at http://${shown}:${actual}\n`);
    process.stdout.write(reach.scope === 'local'
      ? 'students: this server listens on this machine only; HOST=0.0.0.0 npm start lets the room in\n'
      : `students: ${reach.lanAddress ? `http://${reach.lanAddress.includes(':') ? `[${reach.lanAddress}]` : reach.lanAddress}:${actual}` : 'this machine\'s address on the network'} (a class's page shows its link and QR code)\n`);
    const tcpdump = findTcpdump();
    process.stdout.write(tcpdump
      ? `capture: tcpdump at ${tcpdump}${process.getuid?.() === 0 ? ' (running as root)' : ''}; sessions capture packets where tcpdump is allowed to\n`
      : `capture: off — ${INSTALL_TCPDUMP}\n`);
    process.stdout.write(`recordings: ended sessions are saved in ${store.root}\n`);
  });
  const stop = () => {
    // Sessions are saved on the way out; a close that hangs must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    void sockscope.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const asksForHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return print(USAGE);
  if (command === '--version' || command === '-V') return print(VERSION);
  if (command === 'help') {
    const [about] = rest;
    if (about === undefined) return print(USAGE);
    if (!isCommand(about)) throw new UsageError(`unknown command "${about}"\n${USAGE}`);
    return print(COMMAND_USAGE[about]);
  }
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  if (asksForHelp(rest)) return print(COMMAND_USAGE[command]);
  try {
    await run(command, rest);
  } catch (error) {
    // parseArgs reports unknown flags with a code of its own; say where the right ones are.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${(error as Error).message}\nsee: sockscope ${command} --help`);
    }
    throw error;
  }
}

function run(command: keyof typeof COMMAND_USAGE, args: string[]): Promise<void> {
  switch (command) {
    case 'scenarios':
      for (const scenario of BUILT_IN_SCENARIOS) process.stdout.write(`${scenario.name}\t${scenario.proto}\t${scenario.description}\n`);
      return Promise.resolve();
    case 'record':
      return record(args);
    case 'import':
      return importCommand(args);
    case 'recordings':
      return recordingsCommand(args);
    case 'export':
      return exportCommand(args);
    case 'serve':
      return serve();
  }
}

/** Usage goes to stdout, whole, and the process ends by itself: nothing cut off in a pipe. */
function print(text: string): Promise<void> {
  return writeOutput(undefined, `${text}\n`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  // exitCode, not exit(): the process ends once stderr is written, even into a slow pipe.
  process.exitCode = error instanceof UsageError ? 2 : 1;
  process.stderr.write(`sockscope: ${error instanceof Error ? error.message : String(error)}\n`);
}
