import { expect, test } from '@playwright/test';

test('steps a real TCP session from the page and lists its captured handshake', async ({ page }) => {
  await page.goto('/?scenario=tcp-echo');
  const status = page.getByRole('status', { name: 'Session status' });
  await expect(status).toContainText('Capture on');
  const events = page.getByRole('list', { name: 'Events' });
  const step = page.getByRole('button', { name: 'Step' });
  for (let i = 0; i < 3; i += 1) {
    await expect(step).toBeEnabled();
    await step.click();
  }
  await expect(events.getByText('SYN seq=0', { exact: false }).first()).toBeVisible();
  await expect(events.getByText('SYN, ACK seq=0 ack=1')).toBeVisible();
  await expect(events.locator('li[data-kind="segment"][data-source="captured"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(status).toContainText('Finished', { timeout: 20_000 });
  await expect(events.locator('li[data-kind="segment"]').filter({ hasText: 'FIN, ACK' })).toHaveCount(2);
});
