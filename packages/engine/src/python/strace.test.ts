import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { allocateSessionAddress, CLOSED_PORT, SERVER_PORT } from '../addresses.ts';
import { builtInScenario } from '../scenarios/index.ts';
import { pythonPrograms, type Side } from './program.ts';
import { PythonRunner, type CallReport } from './runner-process.ts';

// The generated programs run under strace, stepped as a session steps them. What the runner
// reported must be the system calls the program made on its sockets, one for one, in order.

/** The system call each traced call is on Linux: Python's send() and recv() are sendto() and recvfrom(). */
const SYSCALL: Record<string, string> = {
  socket: 'socket', setsockopt: 'setsockopt', getsockopt: 'getsockopt', bind: 'bind', listen: 'listen', accept: 'accept4',
  connect: 'connect', send: 'sendto', recv: 'recvfrom', sendto: 'sendto', recvfrom: 'recvfrom', shutdown: 'shutdown', close: 'close',
  read: 'read', write: 'write',
};

const BLOCKING = new Set(['accept', 'connect', 'send', 'recv', 'recvfrom']);

async function stepUnderStrace(name: string): Promise<Record<Side, { reported: string[]; made: string[] }>> {
  const scenario = builtInScenario(name);
  const programs = pythonPrograms(scenario);
  const dir = mkdtempSync(path.join(tmpdir(), 'sockscope-strace-'));
  const session = allocateSessionAddress();
  const env = { PATH: process.env.PATH ?? '', HOST: session.address, PORT: String(SERVER_PORT), CLOSED_PORT: String(CLOSED_PORT) };
  const reports: Record<Side, CallReport[]> = { server: [], client: [] };
  const runners = {} as Record<Side, PythonRunner>;
  for (const side of ['server', 'client'] as const) {
    const file = path.join(dir, `${side}.py`);
    writeFileSync(file, programs[side].source);
    const wrap = ['strace', '-f', '-qq', '-o', path.join(dir, `${side}.strace`), '-e', 'trace=network,close,read,write'];
    runners[side] = new PythonRunner(file, env, side, (report) => reports[side].push(report), wrap);
  }
  for (const [index, step] of scenario.steps.entries()) {
    const { started, done } = runners[step.side].grant(programs[step.side].stepLines.get(index) ?? []);
    // A program an exception ended runs no more steps (abortive-close's server, at ECONNRESET); strace still saw what it did.
    const settled = done.catch(() => undefined);
    await (BLOCKING.has(step.op) ? started : settled);
    // As a session settles between steps: the peer's packets arrive before the next step.
    await sleep(50);
  }
  await Promise.all(Object.values(runners).map((runner) => runner.end()));
  session.release();
  const result = {} as Record<Side, { reported: string[]; made: string[] }>;
  for (const side of ['server', 'client'] as const) {
    result[side] = { reported: reported(reports[side]), made: socketCalls(readFileSync(path.join(dir, `${side}.strace`), 'utf8')) };
  }
  return result;
}

/** `syscall(fd) = result` for each call the runner reported as finished, its socket's descriptor as the kernel's. */
function reported(reports: readonly CallReport[]): string[] {
  const fds = new Map<number, number>();
  const out: string[] = [];
  for (const report of reports) {
    if (report.ev === 'enter') continue;
    if (report.fn === 'socket' && typeof report.result === 'number') fds.set(report.sock, report.result);
    if (report.fn === 'accept' && typeof report.args?.fd === 'number') fds.set(Number(report.result), report.args.fd);
    // getsockopt() returns the option's value to the program through an argument; the system call returns 0.
    const returned = report.fn === 'accept' ? String(report.args?.fd) : report.fn === 'getsockopt' ? '0' : String(report.result);
    const result = report.ev === 'error' ? `-1 ${report.errno}` : returned;
    out.push(`${SYSCALL[report.fn]}(${report.fn === 'socket' ? '' : fds.get(report.sock)}) = ${result}`);
  }
  return out;
}

/**
 * `syscall(fd) = result` for each system call strace saw on a socket's descriptor, from its
 * socket() or accept4() to its close(). getsockname() is left out: Python's socket object checks
 * an accepted descriptor with it, and the runner reads a socket's local address with it; neither
 * is a call of the program.
 */
function socketCalls(trace: string): string[] {
  const pending = new Map<string, string>();
  const sockets = new Set<number>();
  const out: string[] = [];
  for (const raw of trace.split('\n')) {
    const [, pid = '', rest = ''] = /^(\d+)\s+(.*)$/.exec(raw) ?? [];
    let line = rest;
    if (line.endsWith('<unfinished ...>')) {
      pending.set(pid, line.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (resumed) line = `${pending.get(pid) ?? ''}${resumed[1]}`;
    const call = /^(\w+)\((\d*)[^]*\)\s+=\s+(-?\d+)(?:\s+(\w+))?/.exec(line);
    if (!call) continue;
    const [, name = '', first = '', result = '', errno] = call;
    const fd = Number(first);
    if (name === 'socket') {
      // The C library's own AF_UNIX sockets (name service lookups at start-up) are not the program's.
      if (!line.startsWith('socket(AF_INET')) continue;
      if (Number(result) >= 0) sockets.add(Number(result));
      out.push(`socket() = ${result}${errno ? ` ${errno}` : ''}`);
      continue;
    }
    if (name === 'getsockname' || !sockets.has(fd)) continue;
    if (name === 'accept4') sockets.add(Number(result));
    out.push(`${name}(${fd}) = ${result}${errno ? ` ${errno}` : ''}`);
    if (name === 'close') sockets.delete(fd);
  }
  return out;
}

describe('the traced calls are the system calls the program made (strace -f)', () => {
  for (const name of ['tcp-echo', 'udp-echo', 'connection-refused', 'half-close', 'abortive-close', 'reuseaddr', 'read-write', 'nagle']) {
    it(`${name}: one for one, on both sides`, async () => {
      const sides = await stepUnderStrace(name);
      for (const side of ['server', 'client'] as const) {
        expect(sides[side].made.length, `${side}: system calls on sockets`).toBeGreaterThan(0);
        expect(sides[side].reported, side).toEqual(sides[side].made);
      }
    });
  }
});
