import { expect, test } from '@playwright/test';

const arrowNames = (page: import('@playwright/test').Page) =>
  page.getByRole('button', { name: /^PSH, ACK/ }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

// Tall enough that the ladder draws every arrow of the session.
test.use({ viewport: { width: 1280, height: 4000 } });

test('a student picks the Nagle lesson, reads it in Korean, and runs it on the kernel as Python programs', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Scenario').selectOption('nagle');
  await expect(page.getByText(/each send\(\) leaves at once in a segment of its own/)).toBeVisible();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByText(/둘째 연결에서는 클라이언트가 TCP_NODELAY를 설정해/)).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('.ladder')).toHaveAttribute('data-scenario', 'nagle');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Finished', { timeout: 30_000 });
  // With TCP_NODELAY each of the five sends is a captured segment of its own (seq 1 to 21). How many
  // Nagle joined depends on the sends coming within the server's delayed ACK (the engine test counts them).
  const data = await arrowNames(page);
  for (const seq of [1, 6, 11, 16, 21]) {
    expect(data.filter((name) => name.startsWith(`PSH, ACK seq=${seq} ack=1 len=5, client to server, captured`)).length).toBeGreaterThanOrEqual(1);
  }
  expect(data.every((name) => name.endsWith('captured'))).toBe(true);
  await expect(page.getByRole('button', { name: 'setsockopt(TCP_NODELAY) on client, returned 0' })).toBeVisible();
});
