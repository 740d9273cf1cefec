import { expect, test, type Page } from '@playwright/test';
import { BUILT_IN_SCENARIOS } from '../packages/engine/src/scenarios/index.ts';

/**
 * A text of the ladder as the browser drew it, in its ladder's coordinates (the scroll taken out);
 * `lane`: written in the lanes' own room (an arrow's, a call's, a drop's, a held packet's, a gap's),
 * which must not cross `lifelines` (their x).
 */
interface Drawn { text: string; left: number; right: number; top: number; bottom: number; width: number; lane: boolean; lifelines: number[] }

const LANE_TEXT = 'text.arrow-label, text.arrow-note, text.held-note, text.call-label, text.drop-label, .gap-mark text';

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
    const texts = await page.locator('.ladder svg.ladder-svg').evaluateAll((svgs, laneText) => svgs.flatMap((svg, ladder) => {
      const frame = svg.getBoundingClientRect();
      const lifelines = Array.from(svg.querySelectorAll('line.lifeline')).map((line) => line.getBoundingClientRect().left - frame.left);
      return Array.from(svg.querySelectorAll('text')).map((text) => {
        const box = text.getBoundingClientRect();
        return {
          ladder, text: text.textContent ?? '', width: frame.width, lane: text.matches(laneText), lifelines,
          left: box.left - frame.left, right: box.right - frame.left, top: box.top - frame.top, bottom: box.bottom - frame.top,
        };
      });
    }), LANE_TEXT);
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

/** Texts of the lanes' own room drawn across a lifeline: each must stay between the lines it joins, or beside its own. */
function crossings(texts: readonly Drawn[]): string[] {
  return texts.filter((box) => box.lane).flatMap((box) => box.lifelines
    .filter((x) => box.left < x - 1 && box.right > x + 1)
    .map((x) => `"${box.text}" [${box.left.toFixed(0)}–${box.right.toFixed(0)}] crosses the lifeline at ${x.toFixed(0)}`));
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

// A ladder at the page's 1280 width and in presenter view: the widest arrow labels (PSH, ACK … len=5) used to run across the lifelines.
for (const { viewport, present } of [{ viewport: { width: 1280, height: 800 }, present: false }, { viewport: { width: 1024, height: 768 }, present: true }, { viewport: { width: 1920, height: 1080 }, present: true }]) {
  test.describe(`the ladder's labels between its lifelines at ${viewport.width}×${viewport.height}${present ? ', presenter view' : ''}`, () => {
    test.use({ viewport });
    test.setTimeout(150_000);

    for (const url of ['/?scenario=tcp-echo', '/?scenario=zero-window&lang=ko']) {
      test(`${url}: no label across a lifeline or over another, event-spaced and proportional`, async ({ page }) => {
        await runToTheEnd(page, url);
        if (present) await page.getByRole('button', { name: /^(Present|발표)$/ }).click();
        for (const axis of ['event', 'proportional'] as const) {
          // Presenter view hides the axis buttons: it is left, then entered again, to switch.
          if (axis === 'proportional') {
            if (present) await page.keyboard.press('Escape');
            await page.getByRole('button', { name: /^(Proportional time|실제 시간 비례)$/ }).click();
            if (present) await page.getByRole('button', { name: /^(Present|발표)$/ }).click();
          }
          for (const texts of await drawnTexts(page)) {
            expect(texts.filter((box) => box.lane).length).toBeGreaterThan(10);
            expect([...crossings(texts), ...faults(texts)]).toEqual([]);
          }
        }
      });
    }
  });
}

// Every built-in, run to its end and read back from the page: 1440 wide (the sizes above cover 1024, 1280 and 1920), every other one in Korean.
test.describe('every built-in scenario\'s labels at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test.setTimeout(150_000);
  for (const [index, { name }] of BUILT_IN_SCENARIOS.entries()) {
    const url = `/?scenario=${name}${index % 2 === 1 ? '&lang=ko' : ''}`;
    test(`${url}: no text over another, past its ladder's edge or across a lifeline`, async ({ page }) => {
      await runToTheEnd(page, url);
      for (const texts of await drawnTexts(page)) {
        expect(texts.filter((box) => box.lane).length).toBeGreaterThan(5);
        expect([...crossings(texts), ...faults(texts)]).toEqual([]);
      }
    });
  }
});

test.describe('held packets fit too: waiting, delivered later, dropped', () => {
  // 1024 wide; tall, so that a ladder still growing (the kernels resend what waits) is read in one go, not scroll by scroll.
  test.use({ viewport: { width: 1024, height: 1600 } });
  test.setTimeout(150_000);

  async function startHeld(page: Page, wire: string): Promise<void> {
    await page.goto('/');
    const picker = page.getByRole('form', { name: 'New session' });
    await picker.getByLabel('Scenario').selectOption({ label: 'TCP echo' });
    await picker.getByLabel('Wire').selectOption({ label: wire });
    await picker.getByRole('button', { name: 'Start' }).click();
  }

  test('each packet delivered 250 ms late, run to the end', async ({ page }) => {
    await startHeld(page, 'Hold, deliver after 250 ms');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(async () => page.getByRole('status', { name: 'Session status' }).innerText(), { timeout: 60_000 }).toMatch(/Finished/);
    for (const axis of ['Event-spaced', 'Proportional time']) {
      await page.getByRole('button', { name: axis }).click();
      for (const texts of await drawnTexts(page)) {
        expect(texts.filter((box) => /^PSH, ACK/.test(box.text)).length).toBeGreaterThan(0);
        expect([...crossings(texts), ...faults(texts)]).toEqual([]);
      }
    }
  });

  test('a SYN delivered, its SYN-ACK dropped, the copy the kernel sends again still in flight', async ({ page }) => {
    await startHeld(page, 'Hold each packet');
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i += 1) {
      await expect(step).toBeEnabled({ timeout: 20_000 });
      await step.click();
    }
    const hold = page.getByRole('toolbar', { name: 'Packets in flight' });
    await expect(hold.getByRole('status')).toHaveText(/^1 packet in flight · Next: SYN\b/);
    await hold.getByRole('button', { name: 'Deliver', exact: true }).click();
    await expect(hold.getByRole('status')).toHaveText(/Next: SYN, ACK seq=0 ack=1\b/);
    await hold.getByRole('button', { name: 'Drop', exact: true }).click();
    await expect(page.getByRole('button', { name: /^SYN, ACK seq=0 ack=1, .*retransmission of #\d+/ }).first()).toBeVisible({ timeout: 5000 });
    for (const texts of await drawnTexts(page)) {
      expect(texts.map((box) => box.text)).toEqual(expect.arrayContaining(['in flight', 'dropped']));
      expect([...crossings(texts), ...faults(texts)]).toEqual([]);
    }
  });
});
