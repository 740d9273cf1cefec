import { expect, test, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

const fontPx = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));

/** How much of the viewport's height the ladder (its heads and its scroll) covers. */
async function ladderShare(page: Page): Promise<number> {
  const box = await page.getByRole('region', { name: 'Ladder view' }).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  if (!box || height === 0) return 0;
  return (Math.min(box.y + box.height, height) - Math.max(box.y, 0)) / height;
}

test.describe('the ladder on a projector', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('Present leaves the ladder, the explanation and the step controls, in type a back row reads; Escape or the toggle leaves it', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await stepTimes(page, 3);
    const present = page.getByRole('button', { name: 'Present' });
    await expect(present).toHaveAttribute('aria-pressed', 'false');
    await present.click();
    await expect(present).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Scenarios and recordings' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Proportional time' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next event' })).toBeVisible();
    expect(await ladderShare(page)).toBeGreaterThan(0.75);

    const syn = page.getByRole('button', { name: /^SYN seq=0/ });
    await expect(syn).toBeVisible();
    expect(await syn.locator('text').first().evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))).toBeGreaterThanOrEqual(18);
    const call = page.getByRole('button', { name: /^socket\(\) on client/ });
    expect(await call.locator('text').first().evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))).toBeGreaterThanOrEqual(18);
    expect(await fontPx(page, '.explanation')).toBeGreaterThanOrEqual(24);

    await page.keyboard.press('Escape');
    await expect(present).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('button', { name: 'Scenarios and recordings' })).toBeVisible();
    expect(await syn.locator('text').first().evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))).toBeLessThan(18);
    await present.click();
    await expect(page.getByRole('button', { name: 'Proportional time' })).toBeHidden();
    await present.click();
    await expect(page.getByRole('button', { name: 'Proportional time' })).toBeVisible();
  });

  // 150 % zoom on a 1024×768 screen is a 683×512 CSS viewport at 1.5 device pixels per CSS pixel.
  for (const [width, height, scale] of [[1024, 768, 1], [1280, 800, 1], [1920, 1080, 1], [683, 512, 1.5]] as const) {
    test(`the ladder keeps at least half of a ${width}×${height} screen (×${scale}) after three steps`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
      const page = await context.newPage();
      await page.goto('/?scenario=tcp-echo');
      await stepTimes(page, 3);
      const setup = page.getByRole('button', { name: 'Scenarios and recordings' });
      await expect(setup).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole('form', { name: 'New session' })).toBeHidden();
      expect(await ladderShare(page)).toBeGreaterThanOrEqual(0.5);
      // Unfolded, the form and the list are there to start another session or open a recording.
      await setup.click();
      await expect(page.getByRole('form', { name: 'New session' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Recordings' })).toBeVisible();
      await setup.click();
      await expect(page.getByRole('form', { name: 'New session' })).toBeHidden();
      await context.close();
    });

    test(`with the class open, the ladder keeps at least half of a ${width}×${height} screen (×${scale}) and the room sees the code`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
      const page = await context.newPage();
      await page.goto('/?scenario=tcp-echo');
      await stepTimes(page, 3);
      await page.getByRole('button', { name: 'Teach' }).click();
      const dialog = page.getByRole('dialog', { name: 'Class' });
      await expect(dialog.getByRole('img', { name: /QR/ })).toBeInViewport();
      await expect(dialog.locator('.teach-code strong')).toHaveText(/^[A-Z2-9]{5}$/);
      await expect(dialog.locator('.teach-code strong')).toBeInViewport();
      await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
      expect(await ladderShare(page)).toBeGreaterThanOrEqual(0.5);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
      await context.close();
    });
  }
});

test.describe('after a step', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the new events are what you see: in full colour and in view, the cursor on the first; only what came before is greyed', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await stepTimes(page, 3);
    const opacity = (name: RegExp) => page.getByRole('button', { name }).first().evaluate((node) => Number(getComputedStyle(node).opacity));
    // Step 3 is the client's connect(): socket(), connect(), the handshake.
    const first = page.getByRole('button', { name: /^socket\(\) on client/ });
    await expect(first).toHaveAttribute('aria-current', 'true');
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    for (const name of [/^socket\(\) on client/, /^connect\(/, /^SYN seq=0/, /^SYN, ACK/, /^ACK seq=1/]) {
      await expect(page.getByRole('button', { name }).first()).toBeInViewport();
      expect(await opacity(name)).toBe(1);
    }
    expect(await opacity(/^listen\(511\) on server/)).toBeLessThan(1);
    // Back before the step's first event, that step's events wait, faint, for the cursor.
    await page.getByRole('button', { name: 'Previous event' }).click();
    await expect(page.getByText('Replay', { exact: true })).toBeVisible();
    expect(await opacity(/^accept\(\) on server/)).toBe(1);
    expect(await opacity(/^SYN seq=0/)).toBe(1);
  });
});

test.describe('what a scenario teaches', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('is said above each ladder, in English and in Korean, also in presenter view', async ({ page }) => {
    await page.goto('/?compare=tcp-echo,udp-echo');
    const ladder = page.getByRole('region', { name: 'Ladder view' });
    await expect(ladder.getByText('The client connects (three-way handshake)')).toBeVisible();
    await expect(ladder.getByText('The client sends the message in one datagram')).toBeVisible();
    await page.getByRole('button', { name: '한국어' }).click();
    const ladderKo = page.getByRole('region', { name: '래더 화면' });
    await expect(ladderKo.getByText('클라이언트가 연결하고(3-way 핸드셰이크)')).toBeVisible();
    await page.getByRole('button', { name: '발표' }).click();
    await expect(ladderKo.getByText('클라이언트가 연결하고(3-way 핸드셰이크)')).toBeVisible();
  });
});

test.describe('the detail at 1024', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a blocking call says when it was entered and returned, how long it blocked and what it returned; a state band opens its transition; the detail leaves the arrow in view', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await stepTimes(page, 3);
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    // A user clicks a call by its name on the ladder, a state by its dot on the track.
    await page.getByRole('button', { name: /^accept\(\) on server, returned s2/ }).getByText('accept()').click();
    await expect(detail.getByRole('row', { name: /^Entered \d+\.\d{3} ms$/ })).toBeVisible();
    await expect(detail.getByRole('row', { name: /^Returned \d+\.\d{3} ms$/ })).toBeVisible();
    await expect(detail.getByRole('row', { name: /^Blocked for [\d.]+ (ms|s)$/ })).toBeVisible();
    await expect(detail.getByRole('row', { name: 'Returned value s2' })).toBeVisible();

    await page.getByRole('button', { name: /^SYN-RECEIVED: server socket s2/ }).locator('circle').click();
    await expect(detail.getByRole('row', { name: 'Transition LISTEN → SYN-RECEIVED' })).toBeVisible();

    const syn = page.getByRole('button', { name: /^SYN, ACK/ });
    await syn.click();
    await expect(detail.getByRole('row', { name: 'flags SYN, ACK' })).toBeVisible();
    const [arrowBox, detailBox] = [await syn.boundingBox(), await detail.boundingBox()];
    expect(arrowBox && detailBox).toBeTruthy();
    // Side by side, not over each other.
    expect(arrowBox!.x + arrowBox!.width).toBeLessThanOrEqual(detailBox!.x);

    await page.getByRole('button', { name: '한국어' }).click();
    const detailKo = page.getByRole('complementary', { name: '이벤트 상세' });
    await expect(detailKo.getByRole('row', { name: '플래그 (flags) SYN, ACK' })).toBeVisible();
    await expect(detailKo.getByRole('row', { name: '보낸 쪽 (from) 서버' })).toBeVisible();
    await expect(detailKo).not.toContainText('["SYN"');
  });
});

test.describe('Korean everywhere', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('sides, step labels, the status line and the editor say Korean; Hangul words do not break', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo&lang=ko');
    await expect(page.getByRole('button', { name: '한 단계' })).toBeEnabled();
    const status = page.getByRole('status', { name: '세션 상태' });
    await expect(status).toContainText('다음: 서버: listen()');
    await page.getByRole('button', { name: '한 단계' }).click();
    await expect(status).toContainText('다음: 서버: accept()');
    const ladder = page.getByRole('region', { name: '래더 화면' });
    await expect(ladder.getByText('1단계: 서버: listen()')).toBeVisible();
    await expect(ladder.getByText('클라이언트', { exact: true })).toBeVisible();
    await expect(ladder.getByText('서버', { exact: true })).toBeVisible();
    expect(await page.locator('body').evaluate((body) => getComputedStyle(body).wordBreak)).toBe('keep-all');

    await page.getByRole('button', { name: '시나리오와 기록' }).click();
    await page.getByRole('button', { name: 'TCP 에코 복사해서 편집' }).click();
    const editor = page.getByRole('region', { name: '시나리오 편집기' });
    await expect(editor.getByText('서버: listen()').first()).toBeVisible();
    await editor.getByRole('radio', { name: 'UDP' }).click();
    await expect(editor.getByRole('alert')).toContainText(/[가-힣]/);
  });
});
