import { UsageError, writeOutput } from './cli-output.ts';
import { COMMAND_USAGE, isCommand, USAGE, VERSION } from './cli-usage.ts';

// Each command's modules load when it runs: usage and errors in words come without loading the engine.
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
      return import('./cli-record.ts').then((cli) => cli.listScenarios());
    case 'record':
      return import('./cli-record.ts').then((cli) => cli.record(args));
    case 'import':
      return import('./cli-recordings.ts').then((cli) => cli.importCommand(args));
    case 'recordings':
      return import('./cli-recordings.ts').then((cli) => cli.recordingsCommand(args));
    case 'export':
      return import('./cli-recordings.ts').then((cli) => cli.exportCommand(args));
    case 'serve':
      return import('./cli-serve.ts').then((cli) => cli.serve());
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
