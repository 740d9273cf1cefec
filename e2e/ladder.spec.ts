import { expect, test, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

/** Arrows are buttons whose accessible names begin with their flags (or UDP). */
const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;
const flagsOf = (name: string) => name.match(/^(SYN, ACK|PSH, ACK|FIN, ACK|RST, ACK|SYN|ACK|FIN|RST|UDP)/)?.[0];

const arrowNames = (page: Page, scope = page.locator('body')) =>
  scope.getByRole('button', { name: ARROW }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

test.describe('the ladder', () => {
  test.use({ viewport: { width: 1280, height: 2400 } });

  test('draws a real TCP echo as arrows in order: handshake, data, FINs', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Capture on');
    await stepTimes(page, 3);
    expect((await arrowNames(page)).map(flagsOf)).toEqual(['SYN', 'SYN, ACK', 'ACK']);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Finished', { timeout: 30_000 });
    const names = await arrowNames(page);
    const flags = names.map(flagsOf);
    expect(flags.slice(0, 3)).toEqual(['SYN', 'SYN, ACK', 'ACK']);
    const data = flags.indexOf('PSH, ACK');
    const fins = flags.flatMap((flag, index) => (flag === 'FIN, ACK' ? [index] : []));
    expect(data).toBeGreaterThan(2);
    expect(fins).toHaveLength(2);
    expect(fins[0]).toBeGreaterThan(flags.lastIndexOf('PSH, ACK'));
    expect(names[data]).toContain('len=5');
    expect(names[0]).toMatch(/^SYN seq=0, client to server, captured/);
    // accept() waited for the handshake: its block spans to its return.
    await expect(page.getByRole('button', { name: /^accept\(\) on server, returned s2/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^TIME-WAIT: client socket c1/ })).toBeVisible();
  });

  test('steps one event at a time with the keyboard, explains each, and opens its detail', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await stepTimes(page, 2);
    const explanation = page.locator('.explanation');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 3 of 11');
    const first = await explanation.textContent();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(explanation).not.toHaveText(first ?? '');
    // Among the events the step added the cursor is live; back before them, it replays.
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
    await expect(page.getByText('Replay', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: /^SYN, ACK/ }).click();
    await expect(explanation).toContainText('SYN-ACK');
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await expect(detail).toContainText('captured on the wire');
    await expect(detail).toContainText(/ack\s*1 \(relative\) · \d+ \(absolute\)/);
    await expect(detail).toContainText('MSS');
  });

  test('keeps the same events across a reload in the middle of a session', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await stepTimes(page, 5);
    await expect(page).toHaveURL(/session=/);
    const before = await arrowNames(page);
    expect(before.length).toBeGreaterThanOrEqual(5);
    await page.reload();
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 5 of 11');
    await expect.poll(() => arrowNames(page)).toEqual(before);
    await stepTimes(page, 1);
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 6 of 11');
  });

  test('compares TCP and UDP side by side, stepping both at once', async ({ page }) => {
    await page.goto('/?compare=tcp-echo,udp-echo');
    const tcp = page.locator('.ladder[data-scenario="tcp-echo"]');
    const udp = page.locator('.ladder[data-scenario="udp-echo"]');
    await expect(page.getByText('UDP has no handshake')).toBeVisible();
    await stepTimes(page, 4);
    await expect(tcp.getByRole('button', { name: /^SYN seq=0/ })).toBeVisible();
    await expect(udp.getByRole('button', { name: /^UDP len=5, client to server/ })).toBeVisible();
    expect(await arrowNames(page, udp)).toEqual([expect.stringMatching(/^UDP/)]);
    const synBox = await tcp.getByRole('button', { name: /^SYN seq=0/ }).boundingBox();
    const udpBox = await udp.getByRole('button', { name: /^UDP/ }).boundingBox();
    expect(synBox && udpBox && Math.abs(synBox.x - udpBox.x)).toBeGreaterThan(300);
  });

  test('switches to Korean', async ({ page }) => {
    await page.goto('/?scenario=udp-echo');
    await stepTimes(page, 1);
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('button', { name: '한 단계' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.locator('.explanation')).toContainText(/[가-힣]/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeVisible();
  });

  test('shows a server error in words, not a blank page', async ({ page }) => {
    await page.goto('/?scenario=no-such-scenario');
    await expect(page.getByRole('alert')).toContainText('unknown scenario "no-such-scenario"');
    await expect(page.getByRole('heading', { name: 'sockscope' })).toBeVisible();
  });
});
