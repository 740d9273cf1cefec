import { expect, test, type Page } from '@playwright/test';

/** Arrows are buttons whose accessible names begin with their flags. */
const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;

const arrowNames = (page: Page) =>
  page.getByRole('button', { name: ARROW }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

/** A TCP echo that holds every packet, started from the form as a user does. */
async function startHeldEcho(page: Page): Promise<void> {
  await page.goto('/');
  const picker = page.getByRole('form', { name: 'New session' });
  await picker.getByLabel('Scenario').selectOption({ label: 'TCP echo' });
  await picker.getByLabel('Wire').selectOption({ label: 'Hold each packet' });
  await picker.getByRole('button', { name: 'Start' }).click();
}

test.describe('holding the wire', () => {
  test.use({ viewport: { width: 1600, height: 2000 } });

  test('steps a real handshake packet by packet with Deliver', async ({ page }) => {
    await startHeldEcho(page);
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

  test('drops the SYN-ACK: the kernel sends it again, and the explanation follows each verdict', async ({ page }) => {
    await startHeldEcho(page);
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i += 1) {
      // Opening the listening process can take seconds on a loaded machine.
      await expect(step).toBeEnabled({ timeout: 20_000 });
      await step.click();
    }
    const hold = page.getByRole('toolbar', { name: 'Packets in flight' });
    const count = hold.getByRole('status');
    const explanation = page.locator('.explanation');
    await expect(count).toHaveText(/^1 packet in flight · Next: SYN\b/);
    // connect() has not returned: its step waits for the handshake, so Step waits too.
    await expect(step).toBeDisabled();

    await hold.getByRole('button', { name: 'Deliver', exact: true }).click();
    await expect(explanation).toHaveText(/^The packet SYN seq=0 waited [\d.]+ ms in the kernel's queue and is now delivered to its receiver \(you chose it\)\.$/);
    await expect(count).toHaveText(/Next: SYN, ACK seq=0 ack=1\b/);
    await hold.getByRole('button', { name: 'Drop', exact: true }).click();
    await expect(explanation).toHaveText(/^The packet SYN, ACK seq=0 ack=1 waited [\d.]+ ms in the kernel's queue and is dropped \(you chose it\): the receiver never sees it\.$/);

    // About a second later the server's kernel sends its SYN-ACK again, drawn as the copy of the dropped one.
    const dropped = page.getByRole('button', { name: /^SYN, ACK seq=0 ack=1, dropped after / });
    await expect(dropped).toBeVisible();
    const again = page.getByRole('button', { name: /^SYN, ACK seq=0 ack=1, .*retransmission of #\d+/ }).first();
    await expect(again).toBeVisible({ timeout: 5000 });
    // Each further verdict moves the explanation to it: deliver until the handshake is done.
    for (let clicks = 0; clicks < 20 && (await count.textContent()) !== 'No packet in flight'; clicks += 1) {
      const next = (await count.textContent())?.match(/Next: (.*)$/)?.[1];
      if (!next) break;
      await hold.getByRole('button', { name: 'Deliver', exact: true }).click();
      await expect(explanation).toContainText(`The packet ${next} waited`);
      await expect(explanation).toContainText('is now delivered to its receiver (you chose it)');
      await page.waitForTimeout(300);
    }
    await expect(page.getByRole('button', { name: /^connect\([^)]*\) on client, returned 0/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^accept\(\) on server, returned s2/ })).toBeVisible();
    // The step is over once both calls returned: Step can run the next one.
    await expect(step).toBeEnabled({ timeout: 10_000 });

    await page.getByRole('button', { name: '한국어' }).click();
    await expect(explanation).toHaveText(/^패킷\(.+\)이 커널 큐에서 [\d.]+ ms 기다린 뒤 받는 쪽에 전달됩니다 \(사용자가 골랐습니다\)\.$/);
  });
});
