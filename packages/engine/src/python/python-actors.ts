import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BerkeleyCall, ProgramTexts, Scenario, ScenarioStep } from '@sockscope/protocol';
import { BERKELEY_CALLS } from '@sockscope/protocol';
import type { ActorContext, Actors, StepRun } from '../actor.ts';
import type { SocketEntry } from '../registry.ts';
import type { CallRecord } from '../trace.ts';
import { pythonPrograms, type Side } from './program.ts';
import { python3 } from './python3.ts';
import { PythonRunner, type CallReport } from './runner-process.ts';

/** Steps whose call waits for the peer: the step ends once the call has started, as in the Node runtime. */
const BLOCKING: ReadonlySet<ScenarioStep['op']> = new Set(['accept', 'connect', 'send', 'recv', 'recvfrom']);
const VIA_END = 'the session ends: sockscope closes what the program left open';
const VIA_EXIT = 'the session ends: python3 exits and its kernel closes the socket';

/**
 * A session's server and client as two real Python programs (program.ts), each a python3
 * process stepped by runner.py: a step lets its side's program run that step's lines, and
 * every socket call the program makes is traced as it happens, with its line.
 */
export class PythonActors implements Actors {
  readonly sleeps = true;
  readonly programs: ProgramTexts = [];
  readonly #runners = new Map<Side, PythonRunner>();
  readonly #programs: ReturnType<typeof pythonPrograms>;
  readonly #sockets = new Map<string, SocketEntry>();
  /** When each client socket's connect() began (CLOCK_MONOTONIC µs): its SYN left then. */
  readonly #connectingSince = new Map<string, number>();
  readonly #dir: string;

  constructor(private readonly ctx: ActorContext, private readonly scenario: Scenario) {
    // Fails first, with its reason, before any file is written.
    python3();
    this.#programs = pythonPrograms(scenario, new TextDecoder().decode(ctx.message));
    this.#dir = mkdtempSync(path.join(tmpdir(), 'sockscope-python-'));
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOST: ctx.serverAddress, PORT: String(ctx.serverPort), CLOSED_PORT: String(ctx.closedPort),
    };
    for (const side of ['server', 'client'] as const) {
      if (!scenario.steps.some((step) => step.side === side)) continue;
      const file = path.join(this.#dir, `${side}.py`);
      const { source, stepLines } = this.#programs[side];
      writeFileSync(file, source);
      this.programs.push({ side, source, steps: [...stepLines].map(([step, lines]) => ({ step, lines })) });
      this.#runners.set(side, new PythonRunner(file, env, side, (report) => this.#onCall(side, report)));
    }
  }

  run(step: ScenarioStep, index: number): StepRun {
    const runner = this.#runners.get(step.side);
    const lines = this.#programs[step.side].stepLines.get(index) ?? [];
    if (!runner) return { completion: Promise.reject(new Error(`the ${step.side} has no program`)), blocking: false };
    const { started, done } = runner.grant(lines);
    return BLOCKING.has(step.op) ? { completion: done, blocking: true, started } : { completion: done, blocking: false };
  }

  #onCall(side: Side, report: CallReport): void {
    if (!isBerkeley(report.fn)) return;
    const key = `${side}:${report.sock}`;
    if (report.fn === 'socket' && report.ev === 'enter') {
      const role = this.scenario.proto === 'udp' ? 'datagram' : side === 'server' ? 'listener' : 'connection';
      this.#sockets.set(key, this.ctx.registry.add(side, this.scenario.proto, role));
    }
    const entry = this.#sockets.get(key);
    if (!entry) return;
    const { exit, ...args } = report.args ?? {};
    let result = report.result;
    if (report.ev === 'enter' && report.fn === 'connect') {
      entry.remote = `${args.address}:${args.port}`;
      this.#connectingSince.set(entry.id, report.us);
    }
    if (report.ev === 'return') {
      if (typeof args.local === 'string') entry.local = args.local;
      if (report.fn === 'accept' && typeof args.peer === 'string') {
        const child = this.ctx.registry.childOf(entry, args.peer);
        this.#sockets.set(`${side}:${report.result}`, child);
        result = child.id;
      }
    }
    const call: CallRecord & { monotonicUs: number } = {
      side, socket: entry.id, fn: report.fn, phase: report.ev, monotonicUs: report.us,
      via: report.code ? `python: ${report.code}` : exit ? VIA_EXIT : VIA_END,
      ...(report.line !== null && { line: report.line }),
      ...(Object.keys(args).length > 0 && { args }),
      ...(report.ev !== 'enter' && { result: report.ev === 'error' ? -1 : result ?? 0 }),
      ...(report.errno !== undefined && { errno: report.errno, message: report.message ?? report.errno }),
    };
    // Without capture the handshake is inferred from here; it ended before connect() returned.
    if (report.fn === 'connect' && report.ev === 'return' && this.scenario.proto === 'tcp') this.ctx.onClientBound(entry.id, this.#connectingSince.get(entry.id));
    this.ctx.trace(call);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#runners.values()].map((runner) => runner.end()));
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

function isBerkeley(fn: string): fn is BerkeleyCall {
  return (BERKELEY_CALLS as readonly string[]).includes(fn);
}
