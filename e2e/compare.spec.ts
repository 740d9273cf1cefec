import { expect, test, type Locator, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

/** Where a call's label is drawn: the top of its first text, in the viewport. */
async function labelTop(call: Locator): Promise<number> {
  const box = await call.locator('text').first().boundingBox();
  if (!box) throw new Error('the call has no label drawn');
  return box.y;
}

async function expectLinedUp(page: Page, words: { handshake: RegExp }) {
  const tcp = page.locator('.ladder[data-scenario="tcp-echo"]');
  const udp = page.locator('.ladder[data-scenario="udp-echo"]');
  const send = tcp.getByRole('button', { name: /^send\(/ });
  const sendto = udp.getByRole('button', { name: /^sendto\(/ });
  await expect(send).toHaveCount(1);
  await expect(sendto).toHaveCount(1);
  // Both in one scroll: brought into view once, then both read.
  await send.scrollIntoViewIfNeeded();
  expect(Math.abs(await labelTop(send) - await labelTop(sendto))).toBeLessThanOrEqual(2);
  // UDP's "no handshake" faces TCP's connect(), above UDP's first datagram; TCP draws no such mark.
  const handshake = udp.getByRole('img', { name: words.handshake });
  await handshake.scrollIntoViewIfNeeded();
  await expect(handshake).toBeVisible();
  await expect(tcp.getByRole('img', { name: words.handshake })).toHaveCount(0);
  const connect = tcp.getByRole('button', { name: /^connect\(/ });
  const mark = await handshake.boundingBox();
  const connectBox = await connect.boundingBox();
  const datagram = await udp.getByRole('button', { name: /^UDP len=/ }).first().boundingBox();
  expect(mark && connectBox && datagram).toBeTruthy();
  expect(mark!.y).toBeGreaterThan(connectBox!.y);
  expect(mark!.y + mark!.height).toBeLessThan(datagram!.y);
}

test.describe('compare by meaning', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("TCP's send() and UDP's sendto() side by side, UDP's missing handshake drawn where TCP has its own; in English and Korean", async ({ page }) => {
    await page.goto('/?compare=tcp-echo,udp-echo');
    // TCP's fifth step is its send(); UDP's fourth its sendto() (its fifth a recvfrom()).
    await stepTimes(page, 5);
    await expectLinedUp(page, { handshake: /^no handshake \(derived, not captured\)/ });
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('button', { name: '한 단계' })).toBeVisible();
    await expectLinedUp(page, { handshake: /^핸드셰이크 없음 \(도출, 캡처 아님\)/ });
  });

  test('"no ACK" and "no FIN" appear on the UDP side as TCP acknowledges its data and closes', async ({ page }) => {
    await page.goto('/?compare=tcp-echo,udp-echo&lang=en');
    const udp = page.locator('.ladder[data-scenario="udp-echo"]');
    await stepTimes(page, 4);
    await expect(udp.getByRole('img', { name: /^no FIN/ })).toHaveCount(0);
    await stepTimes(page, 4);
    await expect(udp.getByRole('img', { name: /^no ACK/ }).first()).toBeAttached();
    await expect(udp.getByRole('img', { name: /^no FIN/ })).toHaveCount(1);
  });
});
