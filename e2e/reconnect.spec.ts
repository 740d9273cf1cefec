import { expect, test, type WebSocketRoute } from '@playwright/test';

test('a page that loses its WebSocket says so, reconnects and resumes without gaps or repeats', async ({ page }) => {
  const routes: WebSocketRoute[] = [];
  // Every page socket goes through this proxy to the real server, so the test can cut one.
  await page.routeWebSocket(/\/ws$/, (route) => {
    route.connectToServer();
    routes.push(route);
  });
  await page.goto('/?scenario=tcp-echo');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i += 1) {
    await expect(step).toBeEnabled();
    await step.click();
  }
  await expect(page.getByRole('button', { name: /^ACK seq=1 ack=1/ })).toBeVisible();
  await routes[0]?.close({ code: 1006 });
  await expect(page.getByText('Disconnected — reconnecting…')).toBeVisible();
  await expect(page.getByText('Disconnected — reconnecting…')).toBeHidden({ timeout: 15_000 });
  expect(routes.length).toBeGreaterThanOrEqual(2);
  await expect(step).toBeEnabled();
  await step.click();
  await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 4 of 11');
  const ids = await page.locator('[data-event-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event-id')));
  expect(new Set(ids).size).toBe(ids.length);
  await expect(page.getByRole('button', { name: /^SYN seq=0/ })).toHaveCount(1);
});
