import { expect, test } from '@playwright/test';

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
