import { once } from 'node:events';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { builtInScenario, runToEnd, Session } from '@sockscope/engine';
import { PROTOCOL_VERSION, WS_PATH, type ServerMessage, type SessionEvent, type SessionInfo } from '@sockscope/protocol';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { WEB_DIST } from '../apps/server/src/http-server.ts';
import { repeatedEvents } from './repeated-session.ts';
import { median, percentile } from './stats.ts';

/** Serves the built page and answers its WebSocket with one finished session of `events`, in batches of 1,000 as the server sends them. */
export async function replayServer(events: SessionEvent[]) {
  const info: SessionInfo = {
    id: 'bench', scenario: 'tcp-echo', title: 'TCP echo', proto: 'tcp', message: 'hello', capture: { mode: 'pcap' },
    status: 'finished', nextStep: 0, steps: [], lastEventId: events.length,
  };
  const serveStatic = sirv(WEB_DIST, { single: true });
  const server = http.createServer((request, response) => serveStatic(request, response));
  const wss = new WebSocketServer({ server, path: WS_PATH });
  wss.on('connection', (ws) => {
    const send = (message: ServerMessage) => ws.send(JSON.stringify(message));
    send({ v: PROTOCOL_VERSION, type: 'welcome', serverVersion: 'bench' });
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString()) as { type: string; requestId?: string };
      if (request.type === 'list-scenarios') send({ v: PROTOCOL_VERSION, type: 'scenarios', scenarios: [] });
      if (request.type === 'create-session') send({ v: PROTOCOL_VERSION, type: 'session', session: info, ...(request.requestId && { requestId: request.requestId }) });
      if (request.type === 'subscribe') {
        for (let start = 0; start < events.length; start += 1000) {
          send({ v: PROTOCOL_VERSION, type: 'events', sessionId: 'bench', events: events.slice(start, start + 1000) });
        }
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close: () => { wss.close(); server.close(); } };
}

export function launchChromium(): Promise<Browser> {
  const systemChromium = process.env.SOCKSCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    ...(systemChromium && { executablePath: systemChromium }),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

async function measure(browser: Browser, events: SessionEvent[], runs: number) {
  const replay = await replayServer(events);
  const firstScreens: number[] = [];
  const frames: number[] = [];
  // Ids run 1 to N: an item of the last 30 events on screen is the end of the ladder drawn.
  const nearTheEnd = events.length - 30;
  try {
    for (let run = 0; run < runs; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // In the page: when the last `events` message came, and the frame that first drew the ladder's end (the cursor follows to the last row).
      // Plain JavaScript: a function passed from here would carry tsx's helpers, which the page lacks.
      await page.addInitScript({ content: `
        const marks = { lastEvents: 0, drawn: 0 };
        window.benchMarks = marks;
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(url, protocols) {
            super(url, protocols);
            this.addEventListener('message', (event) => {
              if (event.data.slice(0, 40).includes('"type":"events"')) marks.lastEvents = performance.now();
            });
          }
        };
        const look = () => {
          const drawn = [...document.querySelectorAll('[data-event-id]')].some((item) => Number(item.getAttribute('data-event-id')) >= ${nearTheEnd});
          if (drawn) marks.drawn = performance.now();
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);` });
      await page.goto(`http://127.0.0.1:${replay.port}/?scenario=tcp-echo`);
      await page.waitForFunction(() => (window as unknown as { benchMarks: { drawn: number } }).benchMarks.drawn > 0, undefined, { timeout: 300_000, polling: 100 });
      const marks = await page.evaluate(() => (window as unknown as { benchMarks: { lastEvents: number; drawn: number } }).benchMarks);
      firstScreens.push(marks.drawn - marks.lastEvents);
      frames.push(...await page.evaluate(async () => {
        const scroller = document.querySelector('.ladders-scroll');
        if (!scroller) throw new Error('no ladder');
        scroller.scrollTop = 0;
        await new Promise(requestAnimationFrame);
        const times: number[] = [];
        let last = performance.now();
        for (let frame = 0; frame < 120; frame += 1) {
          scroller.scrollTop += 300;
          await new Promise(requestAnimationFrame);
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      }));
      await page.close();
    }
  } finally {
    replay.close();
  }
  return { firstScreen: median(firstScreens), frameMedian: median(frames), frameP95: percentile(frames, 95) };
}

/** Ladders of 1k to 1M events (a real tcp-echo repeated), each beside the 1k one measured in the same run. */
export async function benchLadderRender(runs: number, sizes = [1_000, 10_000, 100_000, 1_000_000]): Promise<string[]> {
  const scenario = builtInScenario('tcp-echo');
  const session = await runToEnd(await Session.open({ scenario, capture: 'auto' }));
  const one = [...session.log.all()];
  const browser = await launchChromium();
  const lines: string[] = [];
  try {
    let baseline: Awaited<ReturnType<typeof measure>> | undefined;
    for (const count of sizes) {
      // A million events take minutes to send and parse: measured once.
      const times = count >= 1_000_000 ? 1 : runs;
      const result = await measure(browser, repeatedEvents(one, count, scenario.steps.length), times);
      baseline ??= result;
      const ratio = (value: number, base: number) => `${(value / base).toFixed(1)}×`;
      lines.push(`ladder with ${count.toLocaleString('en')} events${result === baseline ? ' (baseline)' : ''}, median of ${times}: `
        + `first screen ${result.firstScreen.toFixed(0)} ms after its events arrived (${ratio(result.firstScreen, baseline.firstScreen)}); `
        + `scrolling frames median ${result.frameMedian.toFixed(1)} ms, p95 ${result.frameP95.toFixed(1)} ms (${ratio(result.frameP95, baseline.frameP95)})`);
    }
  } finally {
    await browser.close();
  }
  return lines;
}
