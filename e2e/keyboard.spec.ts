import { expect, test } from '@playwright/test';
import { stepTimes } from './steps.ts';

test('after Start, Enter and Space step the new session: they never start another one', async ({ page }) => {
  await page.goto('/?scenario=tcp-echo');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled();
  // A shown session folds the form away; unfolded, Start is there again.
  await page.getByRole('button', { name: 'Scenarios and recordings' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  // The session Start opened has the focus on its Step button once it is ready.
  await expect(step).toBeFocused();
  const status = page.getByRole('status', { name: 'Session status' });
  await expect(status).toContainText('Step 0 of 11');
  const session = new URL(page.url()).searchParams.get('session');
  expect(session).toBeTruthy();

  await page.keyboard.press('Enter');
  await expect(status).toContainText(/Ready · Step 1 of 11/);
  await page.keyboard.press(' ');
  await expect(status).toContainText(/Ready · Step 2 of 11/);
  expect(new URL(page.url()).searchParams.get('session')).toBe(session);
});

test('a skip link reaches the ladder in two Tabs; ↓ ↑ walk its arrows, calls and states in order, Enter opens one, Escape closes it', async ({ page }) => {
  await page.goto('/?scenario=tcp-echo');
  await stepTimes(page, 3);
  // From the top of the page (a click on its margin), the skip link is the first stop.
  await page.mouse.click(3, 3);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the ladder' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const ladder = page.getByRole('group', { name: 'Ladder diagram' });
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  await expect(ladder.locator(':focus')).toHaveCount(1);

  // Down the ladder from the top: the server's first call, its LISTEN, … the handshake's arrows.
  await page.keyboard.press('Home');
  expect(await focusedName()).toMatch(/^socket\(\) on server/);
  const names: string[] = [];
  for (let i = 0; i < 14; i += 1) {
    names.push(await focusedName());
    await page.keyboard.press('ArrowDown');
  }
  expect(names).toContain('LISTEN: server socket s1');
  const syn = names.findIndex((name) => name.startsWith('SYN seq=0'));
  const synAck = names.findIndex((name) => name.startsWith('SYN, ACK'));
  expect(syn).toBeGreaterThan(names.findIndex((name) => name.startsWith('connect(')));
  expect(synAck).toBeGreaterThan(syn);
  while (!(await focusedName()).startsWith('SYN, ACK')) await page.keyboard.press('ArrowUp');

  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('SYN');
  // Enter opened the detail, and did not step or restart the session.
  await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 3 of 11');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  expect(await focusedName()).toMatch(/^SYN, ACK/);
});
