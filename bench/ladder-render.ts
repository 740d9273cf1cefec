import { once } from 'node:events';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { builtInScenario, runToEnd, Session } from '@sockscope/engine';
import { PROTOCOL_VERSION, WS_PATH, type ServerMessage, type SessionEvent, type SessionInfo } from '@sockscope/protocol';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { WEB_DIST } from '../apps/server/src/http-server.ts';
import { median, percentile } from './stats.ts';

/** A real tcp-echo recording, repeated end to end until it holds `count` events. */
async function recordedEvents(count: number): Promise<SessionEvent[]> {
  const scenario = builtInScenario('tcp-echo');
  const session = await runToEnd(await Session.open({ scenario, capture: 'auto' }));
  const one = [...session.log.all()];
  const span = (one.at(-1)?.t ?? 0) + 1000;
  const steps = scenario.steps.length;
  const events: SessionEvent[] = [];
  for (let copy = 0; events.length < count; copy += 1) {
    for (const event of one) {
      if (events.length >= count) break;
      const shifted = { ...event, id: events.length + 1, t: event.t + copy * span } as SessionEvent;
      if (shifted.kind === 'note' && shifted.step) shifted.step = { ...shifted.step, index: shifted.step.index + copy * steps };
      events.push(shifted);
    }
  }
  return events;
}

/** Serves the built page and answers its WebSocket with one finished session of `events`. */
async function replayServer(events: SessionEvent[]) {
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

async function measure(eventCount: number, runs: number) {
  const events = await recordedEvents(eventCount);
  const replay = await replayServer(events);
  const systemChromium = process.env.SOCKSCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(systemChromium && { executablePath: systemChromium }),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const firstDraws: number[] = [];
  const frames: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${replay.port}/?scenario=tcp-echo`);
      const lastArrowId = events.filter((event) => event.kind === 'segment').at(-1)?.id;
      // First draw: the ladder is drawn with every event held (the cursor follows to the last row).
      await page.locator(`[data-event-id="${lastArrowId}"]`).waitFor({ timeout: 60_000 });
      firstDraws.push(Date.now() - started);
      frames.push(...await page.evaluate(async () => {
        const scroller = document.querySelector('.ladders-scroll');
        if (!scroller) throw new Error('no ladder');
        scroller.scrollTop = 0;
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
    await browser.close();
    replay.close();
  }
  return { events: events.length, firstDraw: median(firstDraws), frameMedian: median(frames), frameP95: percentile(frames, 95) };
}

export async function benchLadderRender(runs: number): Promise<string[]> {
  const lines: string[] = [];
  for (const count of [200, 20_000]) {
    const result = await measure(count, runs);
    lines.push(`ladder with ${result.events.toLocaleString('en')} events${count === 200 ? ' (baseline)' : ''}, median of ${runs}: `
      + `first draw ${result.firstDraw.toFixed(0)} ms; scrolling frames median ${result.frameMedian.toFixed(1)} ms, p95 ${result.frameP95.toFixed(1)} ms`);
  }
  return lines;
}
