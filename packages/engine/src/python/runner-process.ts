import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { tied } from '../tied.ts';
import { python3 } from './python3.ts';

const RUNNER_FILE = new URL('./runner.py', import.meta.url).pathname;
const END_LIMIT_MS = 2000;

type Scalar = string | number | boolean | null;

/** What runner.py reports about one call (see its docstring). */
export interface CallReport {
  ev: 'enter' | 'return' | 'error';
  fn: string;
  sock: number;
  /** The program's line, or null for a close the runner makes when the session ends. */
  line: number | null;
  code: string | null;
  args?: Record<string, Scalar> | null;
  result?: Scalar;
  errno?: string;
  message?: string;
  /** Realtime microseconds, the clock packets are stamped with. */
  us: number;
}

type Report =
  | CallReport
  | { ev: 'pause'; fn: string; line: number; code: string; us: number }
  | { ev: 'exit'; us: number }
  | { ev: 'crash'; line: number | null; type: string; message: string; us: number };

interface Grant {
  lines: ReadonlySet<number>;
  started: boolean;
  onStart(): void;
  resolve(): void;
  reject(error: Error): void;
}

/** A step's run in the program: `started` once its first call has entered, `done` when its lines have run. */
export interface GrantRun {
  started: Promise<void>;
  done: Promise<void>;
}

/**
 * One python3 process running one program under runner.py. The engine grants it a step's lines;
 * the program runs while it pauses at a line of the step granted, and the step is done when it
 * pauses at a line of a later step (or the program ends).
 */
export class PythonRunner {
  readonly #child: ChildProcess;
  readonly #grants: Grant[] = [];
  #pausedAt: number | undefined;
  /** Why the program runs no more: undefined while it runs. */
  #ended: { crashed: boolean; text: string } | undefined;
  #exited: Promise<void>;

  /** `wrap`: a command that runs python3 under it, e.g. strace; python3 with its arguments follow it. */
  constructor(
    file: string, env: Record<string, string>, private readonly name: string, private readonly onCall: (report: CallReport) => void,
    wrap: readonly string[] = [],
  ) {
    const argv = [...wrap, python3(), '-I', RUNNER_FILE, file];
    const [command, args] = tied(argv[0] ?? '', argv.slice(1));
    this.#child = spawn(command, args, { env: { ...env, PYTHONDONTWRITEBYTECODE: '1' }, stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()).once('error', () => resolve()));
    this.#child.on('error', (error) => this.#end(true, `python3 could not start: ${error.message}`));
    this.#child.stdin?.on('error', () => undefined);
    let stderr = '';
    this.#child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
    this.#child.once('exit', (code, signal) => this.#end(true, `the ${name} program's python3 exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`));
    createInterface({ input: this.#child.stdio[3] as Readable }).on('line', (line) => this.#onReport(line));
  }

  #onReport(text: string): void {
    let report: Report;
    try {
      report = JSON.parse(text) as Report;
    } catch {
      return;
    }
    switch (report.ev) {
      case 'pause':
        this.#pausedAt = report.line;
        return this.#pump();
      case 'exit':
        return this.#end(false, `the ${this.name} program has ended`);
      case 'crash':
        return this.#end(true, `the ${this.name} program stopped${report.line ? ` at line ${report.line}` : ''}: ${report.type}: ${report.message}`);
      default: {
        if (report.ev === 'enter') this.#grants[0]?.onStart();
        this.onCall(report);
      }
    }
  }

  /** Lets the program run the given lines; see GrantRun. */
  grant(lines: readonly number[]): GrantRun {
    let onStart = () => undefined as void;
    const started = new Promise<void>((resolve) => { onStart = resolve; });
    const done = new Promise<void>((resolve, reject) => {
      this.#grants.push({
        lines: new Set(lines), started: false, onStart,
        resolve: () => { onStart(); resolve(); },
        reject: (error) => { onStart(); reject(error); },
      });
    });
    this.#pump();
    return { started, done };
  }

  #pump(): void {
    for (;;) {
      const grant = this.#grants[0];
      if (!grant) return;
      if (this.#ended) {
        this.#grants.shift();
        if (grant.started && !this.#ended.crashed) grant.resolve();
        else grant.reject(new Error(grant.started ? this.#ended.text : `${this.#ended.text}: nothing runs this step`));
        continue;
      }
      if (this.#pausedAt === undefined) return;
      if (grant.lines.has(this.#pausedAt)) {
        grant.started = true;
        this.#pausedAt = undefined;
        this.#child.stdin?.write('go\n');
        return;
      }
      this.#grants.shift();
      grant.resolve();
    }
  }

  #end(crashed: boolean, text: string): void {
    this.#ended ??= { crashed, text };
    this.#pausedAt = undefined;
    this.#pump();
  }

  /** Ends the process: it closes what its program left open (each close reported), or is killed. */
  async end(): Promise<void> {
    this.#child.stdin?.write('end\n');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), END_LIMIT_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}
