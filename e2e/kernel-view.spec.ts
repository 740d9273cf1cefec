import { expect, test, type Locator, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

/** A row's cells as text, its socket id first. */
const cellsOf = (row: Locator) => row.locator('th, td').allInnerTexts();

test.describe("the kernel's view", () => {
  // Wide enough for the ladder and the kernel's view side by side, as on a classroom projector.
  test.use({ viewport: { width: 1600, height: 1000 } });

  test("shows the kernel's socket table and c1's TCP state at the cursor, and follows the cursor back", async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Capture on');
    const kernel = page.getByRole('complementary', { name: "The kernel's view" });
    const table = kernel.getByRole('table', { name: /^Kernel socket table/ });
    await expect(table).toContainText('No reading yet');

    // listen(), accept(), connect(), recv(): the cursor stands on recv(), the last event, and the table
    // is the one the kernel had when that step ended.
    await stepTimes(page, 4);
    await expect(table).toContainText('/proc/net/tcp');
    await expect(table).toContainText('after step 4');
    const c1 = table.getByRole('row', { name: /^c1 / });
    await expect(c1).toContainText('ESTABLISHED');
    const [, c1Local, c1Remote] = await cellsOf(c1);
    const [, s2Local, s2Remote] = await cellsOf(table.getByRole('row', { name: /^s2 / }));
    const [, s1Local] = await cellsOf(table.getByRole('row', { name: /^s1 / }));
    expect(c1Local).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(c1Remote).toMatch(/^127\.\d+\.\d+\.\d+:7007$/);
    // The kernel's addresses are the ladder's: the client's lane is c1's address, the server's the listener's.
    expect(c1Remote).toBe(s1Local);
    expect(c1Local).toBe(s2Remote);
    expect(c1Remote).toBe(s2Local);
    await expect(page.locator('.lane-label').filter({ hasText: 'client' })).toContainText(c1Local!);
    await expect(page.locator('.lane-label').filter({ hasText: 'server' })).toContainText(c1Remote!);
    await expect(table.getByRole('row', { name: /^s1 / })).toContainText('accept queue');

    const diagram = kernel.getByRole('group', { name: 'TCP state diagram of socket c1' });
    await expect(diagram.getByRole('img', { name: 'ESTABLISHED, current state' })).toBeVisible();
    await expect(diagram.getByRole('img', { name: /^SYN-SENT to ESTABLISHED: rcv SYN,ACK \/ snd ACK, the last transition/ })).toBeVisible();
    await expect(kernel).toContainText('c1 is in ESTABLISHED. Last transition: SYN-SENT → ESTABLISHED');

    // Another socket's states: the server's end of the connection, which came in passively.
    const socket = kernel.getByRole('combobox', { name: 'Socket' });
    await socket.selectOption('s2');
    const s2Diagram = kernel.getByRole('group', { name: 'TCP state diagram of socket s2' });
    await expect(s2Diagram.getByRole('img', { name: 'ESTABLISHED, current state' })).toBeVisible();
    await expect(s2Diagram.getByRole('img', { name: /^SYN-RECEIVED to ESTABLISHED: rcv ACK of SYN \/ x/ })).toBeVisible();
    await socket.selectOption('c1');

    // One event back is the connect step's last: the table read at that step's end. One more, and the
    // reading is the one before that step, when the kernel had no c1 yet.
    await page.keyboard.press('ArrowLeft');
    await expect(table).toContainText('after step 3');
    await expect(c1).toContainText('ESTABLISHED');
    await page.keyboard.press('ArrowLeft');
    await expect(c1).toHaveCount(0);
    await expect(table).toContainText('after step 2');
    await expect(table.getByRole('row', { name: /^s1 / })).toContainText('LISTEN');

    // Back on the SYN, c1 has just left CLOSED.
    await page.getByRole('button', { name: /^SYN seq=0, client to server/ }).click();
    await expect(diagram.getByRole('img', { name: 'SYN-SENT, current state' })).toBeVisible();
    await expect(diagram.getByRole('img', { name: /^CLOSED to SYN-SENT: active OPEN \/ create TCB, snd SYN/ })).toBeVisible();

  });

  test('marks what changed since the previous reading, and folds away', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    // Through the client's close() and one step more; then back to the close step's last event, where
    // the table read at its end shows the client's socket out of ESTABLISHED.
    await stepTimes(page, 9);
    await page.keyboard.press('ArrowLeft');
    const kernel = page.getByRole('complementary', { name: "The kernel's view" });
    const table = kernel.getByRole('table', { name: /^Kernel socket table/ });
    const c1 = table.getByRole('row', { name: /^c1 / });
    await expect(c1).toContainText(/FIN-WAIT-[12]/);
    await expect(c1).toHaveAccessibleName(/changed since the previous reading/);
    await expect(table.getByRole('row', { name: /^s2 / })).toHaveAccessibleName(/CLOSE-WAIT.*changed since the previous reading|changed since the previous reading.*CLOSE-WAIT/);
    await expect(table.getByRole('row', { name: /^s1 / })).not.toHaveAccessibleName(/changed/);

    const toggle = page.getByRole('button', { name: "Kernel's view" });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await toggle.click();
    await expect(kernel).toHaveCount(0);
    await page.getByRole('button', { name: "Kernel's view" }).click();
    await expect(page.getByRole('table', { name: /^Kernel socket table/ })).toBeVisible();
  });
});
