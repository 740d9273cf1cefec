import { expect, test, type Page } from '@playwright/test';

/** Arrows are buttons whose accessible names begin with their flags. */
const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;

const arrowNames = (page: Page) =>
  page.getByRole('button', { name: ARROW }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

test.describe('holding the wire', () => {
  test.use({ viewport: { width: 1600, height: 2000 } });

  test('steps a real handshake packet by packet with Deliver', async ({ page }) => {
    await page.goto('/');
    const picker = page.getByRole('form', { name: 'New session' });
    await picker.getByLabel('Scenario').selectOption({ label: 'TCP echo' });
    await picker.getByLabel('Wire').selectOption({ label: 'Hold each packet' });
    await picker.getByRole('button', { name: 'Start' }).click();
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i += 1) {
      await expect(step).toBeEnabled();
      await step.click();
    }
    const hold = page.getByRole('toolbar', { name: 'Packets in flight' });
    const count = hold.getByRole('status');
    const deliver = hold.getByRole('button', { name: 'Deliver', exact: true });

    await expect(count).toHaveText(/^1 packet in flight · Next: SYN\b/);
    expect((await arrowNames(page))[0]).toMatch(/^SYN seq=0, in flight, client to server, captured/);

    await deliver.click();
    // The server's kernel answers the delivered SYN: its SYN-ACK now waits in the queue.
    await expect.poll(async () => (await arrowNames(page)).some((name) => name.startsWith('SYN, ACK seq=0 ack=1, in flight'))).toBe(true);
    // The kernels' timers run meanwhile: a packet held past its retransmission timeout (1 s for a
    // SYN) is sent again and queued too. Deliver until nothing is in flight.
    // Two held copies can carry the same label, so progress is not read from the text: click,
    // give the kernels a moment, and look again.
    for (let clicks = 0; clicks < 20 && (await count.textContent()) !== 'No packet in flight'; clicks += 1) {
      await deliver.click({ timeout: 5000 }).catch(() => undefined);
      await page.waitForTimeout(300);
    }
    await expect(count).toHaveText('No packet in flight', { timeout: 10_000 });
    await expect(deliver).toBeDisabled();

    const names = await arrowNames(page);
    const handshake = ['SYN seq=0', 'SYN, ACK seq=0 ack=1', 'ACK seq=1 ack=1'].map((label) => names.find((name) => name.startsWith(`${label},`)));
    for (const name of handshake) expect(name).toMatch(/, delivered after \d+(\.\d+)? (ms|s), /);
    await expect(page.getByRole('button', { name: /^accept\(\) on server, returned s2/ })).toBeVisible();
  });
});
