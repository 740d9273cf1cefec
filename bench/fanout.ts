import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, WS_PATH } from '@sockscope/protocol';
import WebSocket from 'ws';
import { formatMs, median, percentile } from './stats.ts';

const BIN = fileURLToPath(new URL('../apps/server/bin/sockscope.js', import.meta.url));
const CLOCK_TICKS = 100;

async function startServer(): Promise<{ server: ChildProcess; port: number }> {
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

interface Viewer {
  ws: WebSocket;
  /** Each `events` message: when it arrived, and its raw text (parsed after the run, not while timing). */
  received: { at: number; data: string }[];
}

function connect(port: number): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`);
    const viewer: Viewer = { ws, received: [] };
    ws.on('message', (data) => viewer.received.push({ at: performance.now(), data: data.toString() }));
    ws.once('open', () => resolve(viewer));
    ws.once('error', reject);
  });
}

const send = (ws: WebSocket, message: Record<string, unknown>) => ws.send(JSON.stringify({ v: PROTOCOL_VERSION, ...message }));

async function waitFor<T>(viewer: Viewer, find: (message: Record<string, unknown>) => T | undefined, from = 0, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const { data } of viewer.received.slice(from)) {
      const found = find(JSON.parse(data) as Record<string, unknown>);
      if (found !== undefined) return found;
    }
    if (Date.now() > deadline) throw new Error('the server did not answer in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * One session stepped to its end while `count` viewers watch it over real WebSockets: for each
 * events batch, the time from the step's request to each viewer's receipt, and the server's
 * memory and CPU. The viewers live in this process and only timestamp what arrives.
 */
async function fanout(count: number): Promise<{ delays: number[]; spread: number[]; rssGrowth: number; cpu: number }> {
  const { server, port } = await startServer();
  try {
    const driver = await connect(port);
    send(driver.ws, { type: 'create-session', scenario: 'tcp-echo', capture: 'pcap', requestId: 'new' });
    const session = await waitFor(driver, (m) => (m.requestId === 'new' ? (m.session as { id: string; steps: unknown[] }) : undefined));
    const rssBefore = rssMiB(server.pid!);
    const viewers: Viewer[] = [];
    for (let i = 0; i < count; i += 1) viewers.push(await connect(port));
    for (const viewer of viewers) send(viewer.ws, { type: 'subscribe', sessionId: session.id, afterId: 0 });
    send(driver.ws, { type: 'subscribe', sessionId: session.id, afterId: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cpuBefore = cpuSeconds(server.pid!);
    const stepSent: number[] = [];
    for (let step = 0; step < session.steps.length; step += 1) {
      const from = driver.received.length;
      stepSent.push(performance.now());
      send(driver.ws, { type: 'step', sessionId: session.id });
      await waitFor(driver, (m) => (m.type === 'session' && (m.session as { nextStep: number; status: string }).nextStep === step + 1
        && (m.session as { status: string }).status !== 'stepping' ? true : undefined), from);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cpu = cpuSeconds(server.pid!) - cpuBefore;
    const rssGrowth = rssMiB(server.pid!) - rssBefore;
    // Each batch by its first event id: when each viewer got it, measured from the latest step request before.
    const arrivals = new Map<number, number[]>();
    for (const viewer of viewers) {
      for (const { at, data } of viewer.received) {
        const message = JSON.parse(data) as { type: string; events?: { id: number }[] };
        if (message.type !== 'events' || !message.events?.[0]) continue;
        const first = message.events[0].id;
        if (at < (stepSent[0] ?? 0)) continue;
        arrivals.set(first, [...(arrivals.get(first) ?? []), at]);
      }
    }
    const delays: number[] = [];
    const spread: number[] = [];
    for (const times of arrivals.values()) {
      const earliest = Math.min(...times);
      const requested = Math.max(...stepSent.filter((t) => t <= earliest));
      for (const at of times) {
        delays.push(at - requested);
        spread.push(at - earliest);
      }
    }
    for (const viewer of [...viewers, driver]) viewer.ws.terminate();
    return { delays, spread, rssGrowth, cpu };
  } finally {
    server.kill('SIGTERM');
  }
}

export async function benchFanout(): Promise<string[]> {
  const lines: string[] = [];
  for (const count of [1, 1000]) {
    const { delays, spread, rssGrowth, cpu } = await fanout(count);
    lines.push(`${count === 1 ? '1 viewer (baseline)' : `${count} viewers`}, tcp-echo stepped to its end: step request → events at each viewer `
      + `p50 ${formatMs(median(delays))}, p99 ${formatMs(percentile(delays, 99))}; spread across viewers p99 ${formatMs(percentile(spread, 99))}; `
      + `server RSS +${rssGrowth.toFixed(1)} MiB, CPU ${cpu.toFixed(2)} s`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const line of await benchFanout()) console.log(line);
