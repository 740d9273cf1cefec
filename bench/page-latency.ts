import type { Page } from '@playwright/test';
import { connectDriver, send, startServer } from './fanout.ts';
import { launchChromium } from './ladder-render.ts';
import { formatMs, median, percentile } from './stats.ts';

interface PageMarks { latencies: number[] }

/** In the page: each arrow's first frame, against its packet's capture timestamp (t + the session's clockStartUs). */
async function watchArrows(page: Page): Promise<void> {
  // Plain JavaScript: a function passed from here would carry tsx's helpers, which the page lacks.
  await page.addInitScript({ content: `
    const clockStart = new Map();
    const packetT = new Map();
    const seen = new Set();
    const marks = { latencies: [] };
    window.benchMarks = marks;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          const message = JSON.parse(event.data);
          if (message.type === 'session' && message.session.clockStartUs !== undefined) clockStart.set(message.session.id, message.session.clockStartUs);
          if (message.type === 'events') for (const one of message.events) if (one.kind === 'segment') packetT.set(message.sessionId + ' ' + one.id, one.t);
        });
      }
    };
    const look = () => {
      const now = performance.timeOrigin + performance.now();
      for (const arrow of document.querySelectorAll('.ladder[data-session] .arrow[data-event-id]')) {
        const sessionId = arrow.closest('.ladder').getAttribute('data-session');
        const key = sessionId + ' ' + arrow.getAttribute('data-event-id');
        const t = packetT.get(key);
        const start = clockStart.get(sessionId);
        if (seen.has(key) || t === undefined || start === undefined) continue;
        seen.add(key);
        marks.latencies.push(now - (start + t) / 1000);
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);` });
}

/**
 * Two live tcp-echo sessions side by side, the kernel's view open, run to their end `runs`
 * times: each captured packet from its capture timestamp to the frame that draws its arrow in
 * Chromium, beside the same packets reaching a Node WebSocket client subscribed to the sessions.
 */
export async function benchPageLatency(runs: number): Promise<string[]> {
  const { server, port } = await startServer();
  const browser = await launchChromium();
  const nodeDelays: number[] = [];
  const inPage: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await watchArrows(page);
    const driver = await connectDriver(port);
    const clockStart = new Map<string, number>();
    driver.ws.on('message', (data) => {
      const at = performance.timeOrigin + performance.now();
      const message = JSON.parse(data.toString()) as { type: string; sessionId: string; events: { t: number; kind: string }[] };
      if (message.type !== 'events') return;
      const start = clockStart.get(message.sessionId);
      if (start !== undefined) for (const event of message.events) if (event.kind === 'segment') nodeDelays.push(at - (start + event.t) / 1000);
    });
    for (let run = 0; run < runs; run += 1) {
      await page.goto(`http://127.0.0.1:${port}/?compare=tcp-echo,tcp-echo`);
      await page.getByRole('button', { name: 'Run' }).waitFor();
      await page.waitForURL(/session=[^&]+(,|%2C)[^&]+/);
      const ids = new URL(page.url()).searchParams.get('session')!.split(',');
      for (const id of ids) {
        const requestId = `sub-${run}-${id}`;
        send(driver.ws, { type: 'subscribe', sessionId: id, afterId: 0, requestId });
      }
      // The Node client's sessions: their clock start comes with the subscribe's reply.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const message of driver.received) {
        const session = message.session as { id: string; clockStartUs?: number } | undefined;
        if (message.type === 'session' && session?.clockStartUs !== undefined) clockStart.set(session.id, session.clockStartUs);
      }
      await page.getByRole('button', { name: 'Run' }).click();
      await page.waitForFunction(() => Array.from(document.querySelectorAll('[aria-label="Session status"]')).every((status) => /Finished/.test(status.textContent ?? '')), undefined, { timeout: 120_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The next run loads the page again: keep this run's.
      inPage.push(...await page.evaluate(() => (window as unknown as { benchMarks: PageMarks }).benchMarks.latencies));
    }
    driver.ws.terminate();
    const row = (values: number[]) => `p50 ${formatMs(median(values))}, p99 ${formatMs(percentile(values, 99))} (${values.length} packets)`;
    return [
      `captured packet → its arrow drawn in the page, tcp-echo twice side by side, kernel's view open, ${runs} runs: ${row(inPage)}`,
      `captured packet → a Node WebSocket client subscribed to the same sessions (baseline): ${row(nodeDelays)}`,
    ];
  } finally {
    await browser.close();
    server.kill();
  }
}
