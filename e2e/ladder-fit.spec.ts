import { expect, test, type Page } from '@playwright/test';

/** A text of the ladder as the browser drew it, in its ladder's coordinates (the scroll taken out). */
interface Drawn { text: string; left: number; right: number; top: number; bottom: number; width: number }

/**
 * Every text of every ladder, read back with getBoundingClientRect: the ladder draws only what is
 * near the view, so the scroll walks it top to bottom and each text is kept once.
 */
async function drawnTexts(page: Page): Promise<Drawn[][]> {
  const scroller = page.locator('.ladders-scroll');
  const seen = new Map<string, Drawn & { ladder: number }>();
  const height = await scroller.evaluate((element) => element.scrollHeight);
  const view = await scroller.evaluate((element) => element.clientHeight);
  for (let top = 0; top < height; top += Math.max(200, view - 100)) {
    await scroller.evaluate((element, to) => { element.scrollTop = to; }, top);
    // The ladder redraws the texts near the new view on its next frame.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const texts = await page.locator('.ladder svg.ladder-svg').evaluateAll((svgs) => svgs.flatMap((svg, ladder) => {
      const frame = svg.getBoundingClientRect();
      return Array.from(svg.querySelectorAll('text')).map((text) => {
        const box = text.getBoundingClientRect();
        return {
          ladder, text: text.textContent ?? '', width: frame.width,
          left: box.left - frame.left, right: box.right - frame.left, top: box.top - frame.top, bottom: box.bottom - frame.top,
        };
      });
    }));
    for (const text of texts) seen.set(`${text.ladder} ${text.text} ${Math.round(text.left)} ${Math.round(text.top)}`, text);
  }
  const ladders: Drawn[][] = [];
  for (const { ladder, ...text } of seen.values()) (ladders[ladder] ??= []).push(text);
  return ladders;
}

/**
 * Boxes that overlap by more than a pixel or two each way: a text's box is the font's whole line
 * (ascent and descent of its tallest glyphs), taller than the ink, so rows a label's height apart
 * may touch by that much.
 */
function faults(texts: readonly Drawn[]): string[] {
  const found: string[] = [];
  const show = (box: Drawn) => `"${box.text}" [${box.left.toFixed(0)}–${box.right.toFixed(0)}, ${box.top.toFixed(0)}–${box.bottom.toFixed(0)}]`;
  for (const [index, a] of texts.entries()) {
    if (a.left < -0.5 || a.right > a.width + 0.5) found.push(`${show(a)} leaves the ladder (0–${a.width.toFixed(0)})`);
    for (const b of texts.slice(index + 1)) {
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 1 && down > 3) found.push(`${show(a)} overlaps ${show(b)}`);
    }
  }
  return found;
}

async function runToTheEnd(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: /^(Run|실행)$/ }).click();
  const statuses = page.getByRole('status', { name: /^(Session status|세션 상태)$/ });
  await expect.poll(async () => (await statuses.allInnerTexts()).every((text) => /Finished|완료/.test(text)), { timeout: 45_000 }).toBe(true);
}

for (const viewport of [{ width: 1024, height: 768 }, { width: 1920, height: 1080 }]) {
  test.describe(`the ladder's labels at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    // A whole session run, then its ladder walked twice, scroll by scroll, on a loaded machine.
    test.setTimeout(150_000);

    for (const url of ['/?scenario=tcp-echo', '/?scenario=connection-refused&lang=ko', '/?compare=tcp-echo,udp-echo', '/?compare=tcp-echo,udp-echo&lang=ko']) {
      test(`${url}: no text over another or past its ladder's edge, event-spaced and proportional`, async ({ page }) => {
        await runToTheEnd(page, url);
        for (const axis of [/^(Event-spaced|이벤트 간격)$/, /^(Proportional time|실제 시간 비례)$/]) {
          const button = page.getByRole('button', { name: axis });
          if (await button.count()) await button.click();
          const ladders = await drawnTexts(page);
          expect(ladders.length).toBeGreaterThan(0);
          for (const texts of ladders) {
            expect(texts.length).toBeGreaterThan(10);
            expect(faults(texts)).toEqual([]);
          }
        }
      });
    }
  });
}
