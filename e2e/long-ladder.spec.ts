import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { byDrawingOrder, parseRecording, recordingToJsonLines } from '@sockscope/protocol';
import { repeatedEvents } from '../bench/repeated-session.ts';

const CHROMIUM_LIMIT_PX = 33_554_431;

test.use({ viewport: { width: 1280, height: 900 } });

test('a ladder taller than the browser can lay out scrolls to its last row and back to its first', async ({ page }) => {
  // Importing 6,300 events and drawing them zoomed in takes a while on a loaded machine.
  test.setTimeout(120_000);
  // 70 real tcp-echo sessions one after another (6,300 events); zoomed in all the way, its rows are 16,000 pixels apart.
  const one = parseRecording(readFileSync(new URL('../packages/recordings/test-sessions/tcp-echo.jsonl', import.meta.url), 'utf8'));
  const track = one.tracks[0]!;
  const events = repeatedEvents([...track.events].sort(byDrawingOrder), track.events.length * 70, track.scenario?.steps.length ?? 11);
  const folder = mkdtempSync(path.join(tmpdir(), 'sockscope-e2e-long-'));
  const file = path.join(folder, 'long-echo.jsonl');
  writeFileSync(file, recordingToJsonLines({ ...one, name: 'long echo', tracks: [{ ...track, events }] }));
  try {
    await page.goto('/');
    await page.getByLabel('Import a file').setInputFiles(file);
    // The last row: the listener's close(), and its state CLOSED.
    const last = events.filter((event) => event.kind === 'state').at(-1)!;
    await expect(page.getByRole('button', { name: /^SYN seq=0, client to server, captured/ }).first()).toBeVisible({ timeout: 30_000 });
    for (let press = 0; press < 7; press += 1) await page.getByRole('button', { name: 'Zoom in' }).click();
    const scroller = page.locator('.ladders-scroll');
    // To the end, then up with the wheel: a row 16,000 pixels tall has its line half a row above the end (and below the start).
    await scroller.evaluate((element) => { element.scrollTop = element.scrollHeight; });
    await scroller.hover();
    const inView = async (eventId: number) => {
      const item = page.locator(`[data-event-id="${eventId}"]`).first();
      if ((await item.count()) === 0) return false;
      const [box, view] = [await item.boundingBox(), await scroller.boundingBox()];
      return Boolean(box && view && box.y + box.height > view.y && box.y < view.y + view.height);
    };
    const wheelUntilInView = (eventId: number, by: number) =>
      expect.poll(async () => (await inView(eventId)) || (await page.mouse.wheel(0, by), false), { timeout: 30_000 }).toBe(true);
    await wheelUntilInView(last.id, -300);
    // What is drawn there lies further down the ladder than any element can reach in Chromium.
    const drawnFrom = await page.locator('.ladder svg.ladder-svg > g').first().getAttribute('transform');
    expect(-Number(/translate\(0 (-?[\d.e+]+)\)/.exec(drawnFrom ?? '')?.[1])).toBeGreaterThan(CHROMIUM_LIMIT_PX);
    expect(await scroller.evaluate((element) => element.scrollHeight)).toBeLessThan(CHROMIUM_LIMIT_PX);
    await scroller.evaluate((element) => { element.scrollTop = 0; });
    // Back at the top: the first step's marker, above the first row.
    await expect(page.locator('.step-mark').first()).toContainText('listen()');
    await expect(page.locator('.step-mark').first()).toBeInViewport();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
