import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, WS_PATH } from '@sockscope/protocol';
import WebSocket from 'ws';
import type { ViewerReport } from './fanout-viewers.ts';
import { formatMs, median, percentile } from './stats.ts';

const BIN = fileURLToPath(new URL('../apps/server/bin/sockscope.js', import.meta.url));
const CLOCK_TICKS = 100;
const VIEWERS = fileURLToPath(new URL('./fanout-viewers.ts', import.meta.url));
/** Processes the viewers are spread over: students' browsers are not in the server's process, nor all in one. */
const VIEWER_PROCESSES = 4;
/** Cursor moves the teacher makes after the steps. */
const VIEW_MOVES = 20;

export async function startServer(): Promise<{ server: ChildProcess; port: number }> {
  const server = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SOCKSCOPE_DATA: await mkdtemp(path.join(tmpdir(), 'sockscope-bench-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`the server exited (code ${code})`)));
  });
  return { server, port };
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

interface Driver {
  ws: WebSocket;
  received: Record<string, unknown>[];
}

export function connectDriver(port: number): Promise<Driver> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`);
    const driver: Driver = { ws, received: [] };
    ws.on('message', (data) => driver.received.push(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.once('open', () => resolve(driver));
    ws.once('error', reject);
  });
}

export const send = (ws: WebSocket, message: Record<string, unknown>) => ws.send(JSON.stringify({ v: PROTOCOL_VERSION, ...message }));
const now = () => performance.timeOrigin + performance.now();

export async function waitFor<T>(driver: Driver, find: (message: Record<string, unknown>) => T | undefined, from = 0, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const message of driver.received.slice(from)) {
      const found = find(message);
      if (found !== undefined) return found;
    }
    if (Date.now() > deadline) throw new Error('the server did not answer in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Viewer processes (fanout-viewers.ts), `count` viewers spread over them, each subscribed and ready. */
async function startViewers(port: number, sessionId: string, count: number, classCode: string): Promise<ChildProcess[]> {
  const processes = Math.min(VIEWER_PROCESSES, count);
  return Promise.all(Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(count / processes) + (i < count % processes ? 1 : 0);
    const child = fork(VIEWERS, [String(port), sessionId, String(share), classCode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise<ChildProcess>((resolve, reject) => {
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`a viewer process exited (code ${code})`)));
    });
  }));
}

function report(child: ChildProcess): Promise<ViewerReport> {
  return new Promise((resolve) => {
    child.once('message', (message: { report: ViewerReport }) => resolve(message.report));
    child.send({ type: 'report' });
  });
}

/**
 * One session stepped to its end while `count` viewers in other processes watch it over real
 * WebSockets: for each step, the time from its request to each viewer's receipt of its first
 * events; and the server's memory and CPU while it fans out.
 */
async function fanout(count: number): Promise<{ delays: number[]; spread: number[]; viewDelays: number[]; packetDelays: number[]; rssGrowth: number; cpu: number }> {
  const { server, port } = await startServer();
  const viewers: ChildProcess[] = [];
  try {
    const driver = await connectDriver(port);
    send(driver.ws, { type: 'create-session', scenario: 'tcp-echo', capture: 'pcap', requestId: 'new' });
    const session = await waitFor(driver, (m) => (m.requestId === 'new' ? (m.session as { id: string; steps: unknown[]; clockStartUs?: number }) : undefined));
    send(driver.ws, { type: 'open-class', requestId: 'class' });
    const code = await waitFor(driver, (m) => (m.type === 'class' && m.requestId === 'class' ? String(m.code) : undefined));
    const rssBefore = rssMiB(server.pid!);
    viewers.push(...await startViewers(port, session.id, count, code));
    send(driver.ws, { type: 'subscribe', sessionId: session.id, afterId: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cpuBefore = cpuSeconds(server.pid!);
    const stepSent: number[] = [];
    for (let step = 0; step < session.steps.length; step += 1) {
      const from = driver.received.length;
      stepSent.push(now());
      send(driver.ws, { type: 'step', sessionId: session.id });
      await waitFor(driver, (m) => (m.type === 'session' && (m.session as { nextStep: number; status: string }).nextStep === step + 1
        && (m.session as { status: string }).status !== 'stepping' ? true : undefined), from);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The teacher walks the cursor over the events, as the page sends it (at most 10 a second).
    const viewSent = new Map<number, number>();
    for (let eventId = 1; eventId <= VIEW_MOVES; eventId += 1) {
      viewSent.set(eventId, now());
      send(driver.ws, { type: 'class-view', code, view: {
        shown: { kind: 'live', sessions: [session.id] }, cursor: [eventId], focus: 0, selected: null, timeMode: 'event', zoomIndex: 0,
      } });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cpu = cpuSeconds(server.pid!) - cpuBefore;
    const rssGrowth = rssMiB(server.pid!) - rssBefore;
    const reports = (await Promise.all(viewers.map(report))).flat();
    const arrivals = reports.map((viewer) => viewer.events);
    // A captured packet's way from the kernel (its pcap timestamp, on the session's clock) to each student.
    const clockStartMs = (session.clockStartUs ?? Number.NaN) / 1000;
    const packetDelays = arrivals.flatMap((viewer) => viewer.flatMap(({ at, events }) =>
      events.filter((event) => event.captured && event.t > 0).map((event) => at - (clockStartMs + event.t / 1000))));
    const viewDelays = reports.flatMap((viewer) => viewer.views.flatMap(({ at, cursor }) => {
      const sent = cursor === null ? undefined : viewSent.get(cursor);
      return sent === undefined ? [] : [at - sent];
    }));
    // Each step's first batch reaching each viewer, timed from the step's request.
    const delays: number[] = [];
    const spread: number[] = [];
    for (const requested of stepSent) {
      const next = stepSent.find((t) => t > requested) ?? Number.POSITIVE_INFINITY;
      const firsts = arrivals.map((viewer) => viewer.find(({ at }) => at >= requested && at < next)?.at).filter((at) => at !== undefined);
      const earliest = Math.min(...firsts);
      for (const at of firsts) {
        delays.push(at - requested);
        spread.push(at - earliest);
      }
    }
    driver.ws.terminate();
    return { delays, spread, viewDelays, packetDelays, rssGrowth, cpu };
  } finally {
    for (const viewer of viewers) viewer.kill('SIGKILL');
    server.kill('SIGTERM');
  }
}

export async function benchFanout(): Promise<string[]> {
  const lines: string[] = [];
  for (const count of [1, 1000]) {
    const { delays, spread, viewDelays, packetDelays, rssGrowth, cpu } = await fanout(count);
    const who = count === 1 ? '1 student (baseline)' : `${count} students`;
    lines.push(`${who} following a class, in ${Math.min(VIEWER_PROCESSES, count)} process(es) of their own; tcp-echo stepped to its end: step request → its first events at each student `
      + `p50 ${formatMs(median(delays))}, p99 ${formatMs(percentile(delays, 99))} (spread across students p99 ${formatMs(percentile(spread, 99))}); `
      + `a captured packet (its pcap time) → each student p50 ${formatMs(median(packetDelays))}, p99 ${formatMs(percentile(packetDelays, 99))}`);
    lines.push(`${who}: the teacher's cursor move → each student (${VIEW_MOVES} moves, ${viewDelays.length} receipts) `
      + `p50 ${formatMs(median(viewDelays))}, p99 ${formatMs(percentile(viewDelays, 99))}; server RSS +${rssGrowth.toFixed(1)} MiB, CPU ${cpu.toFixed(2)} s`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const line of await benchFanout()) console.log(line);
