import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/** Arrows are buttons whose accessible names begin with their flags (or UDP). */
const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;
const arrowNames = (page: Page) =>
  page.getByRole('button', { name: ARROW }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

const step = (page: Page, n: number) => page.getByRole('group', { name: `Step ${n}`, exact: true });
const editor = (page: Page) => page.getByRole('region', { name: 'Scenario editor' });

test.describe('the scenario editor', () => {
  test.use({ viewport: { width: 1600, height: 1400 } });

  test('builds a three-step TCP scenario by clicking, runs it on the kernel and draws its arrows', async ({ page }) => {
    await page.goto('/');
    const write = page.getByRole('button', { name: 'Write a scenario' });
    await write.click();
    await expect(write).toHaveAttribute('aria-expanded', 'true');
    const panel = editor(page);
    await panel.getByLabel('Title').fill('Connect and close');
    await panel.getByLabel('Name').fill('connect-close');
    await expect(panel.getByText('Saved as connect-close.json')).toBeVisible();

    // A new scenario starts with the server's listen(); the client closes, then connects: out of order on purpose.
    await expect(step(page, 1)).toContainText('server: listen()');
    const add = panel.getByRole('button', { name: 'Add step' });
    await add.click();
    await expect(step(page, 2).getByLabel('Operation')).toBeFocused();
    await step(page, 2).getByLabel('Operation').selectOption('wait');
    await step(page, 2).getByLabel('Milliseconds').fill('9000');
    await expect(step(page, 2)).toContainText('Milliseconds: at most 5000');
    await expect(panel.getByRole('status')).toHaveText('1 problem to fix before starting or saving.');
    await expect(panel.getByRole('button', { name: 'Start this scenario' })).toBeDisabled();
    await step(page, 2).getByLabel('Operation').selectOption('close');
    await add.click();
    await step(page, 3).getByLabel('Operation').selectOption('connect');
    await step(page, 3).getByRole('button', { name: 'Move step 3 up' }).click();
    await expect(step(page, 2)).toContainText('client: connect()');
    await expect(step(page, 3)).toContainText('client: close()');
    // Focus follows the moved step, to the button still enabled.
    await expect(step(page, 2).getByRole('button', { name: 'Move step 2 up' })).toBeFocused();
    await expect(panel.getByRole('status')).toHaveText('Ready to start or save.');

    // Switching protocol names the steps UDP cannot run before removing any.
    await panel.getByRole('radio', { name: 'UDP' }).click();
    await expect(panel.getByRole('alert')).toHaveText(/^UDP cannot run this step: Step 1 server: listen\(\)\. Switching removes it\./);
    await panel.getByRole('button', { name: 'Keep TCP' }).click();
    await expect(panel.getByRole('radio', { name: 'TCP' })).toBeChecked();
    await expect(step(page, 1)).toContainText('server: listen()');

    // Saved as the documented format, under its name.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Save to file' }).click()]);
    expect(download.suggestedFilename()).toBe('connect-close.json');
    expect(JSON.parse(await readFile(await download.path(), 'utf8'))).toEqual({
      name: 'connect-close', title: 'Connect and close', description: '', proto: 'tcp', message: 'hello',
      steps: [{ op: 'listen', side: 'server' }, { op: 'connect', side: 'client' }, { op: 'close', side: 'client' }],
    });

    await panel.getByRole('button', { name: 'Start this scenario' }).click();
    const status = page.getByRole('status', { name: 'Session status' });
    await expect(status).toContainText('Step 0 of 3');
    await expect(page).toHaveURL(/scenario=connect-close&custom=1&session=/);
    const stepButton = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 2; i += 1) {
      await expect(stepButton).toBeEnabled();
      await stepButton.click();
    }
    await expect(status).toContainText('Step 2 of 3');
    await expect.poll(() => arrowNames(page)).toEqual([
      expect.stringMatching(/^SYN seq=0, client to server, captured/),
      expect.stringMatching(/^SYN, ACK seq=0 ack=1, server to client, captured/),
      expect.stringMatching(/^ACK seq=1 ack=1, client to server, captured/),
    ]);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(status).toContainText('Finished');
    await expect(page.getByRole('button', { name: /^FIN, ACK seq=1 ack=1, client to server, captured/ })).toBeVisible();

    // Reset runs the same written scenario again; a reload keeps the draft and resumes the session.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(status).toContainText('Step 0 of 3');
    await expect(page.getByRole('heading', { name: 'Connect and close' })).toBeVisible();
    await page.reload();
    await expect(status).toContainText('Step 0 of 3');
    await expect(editor(page).getByLabel('Title')).toHaveValue('Connect and close');
    await expect(step(page, 3)).toContainText('client: close()');
  });

  test('loads a file, and names the field and the reason of a bad one', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await page.getByRole('button', { name: 'Scenarios and recordings' }).click();
    await page.getByRole('button', { name: 'Edit a copy of TCP echo' }).click();
    const panel = editor(page);
    await expect(panel.getByLabel('Title')).toHaveValue('TCP echo (copy)');
    await expect(panel.getByLabel('Name')).toHaveValue('tcp-echo-copy');
    await expect(step(page, 11)).toContainText('server: close() (listener)');
    const file = panel.getByLabel('Load from file');

    const bad = {
      name: 'bad', title: 'Bad', description: '', proto: 'udp', message: 'hello',
      steps: [{ op: 'bind', side: 'server' }, { op: 'socket', side: 'client' }, { op: 'accept', side: 'server' }],
    };
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect(panel.getByRole('alert')).toHaveText('bad.json is not a valid scenario: steps.2.op: accept() is a TCP operation; this scenario is UDP');
    // The draft is left as it was.
    await expect(panel.getByLabel('Title')).toHaveValue('TCP echo (copy)');

    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "name": "x",\n  "steps": [,]\n}') });
    await expect(panel.getByRole('alert')).toHaveText('broken.json is not valid JSON: at line 3, column 13, “,” is not expected.');

    const good = { ...bad, name: 'good', title: 'Good', steps: bad.steps.slice(0, 2) };
    await file.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(panel.getByLabel('Title')).toHaveValue('Good');
    await expect(panel.getByRole('radio', { name: 'UDP' })).toBeChecked();
    await expect(panel.getByRole('listitem').filter({ has: page.getByRole('group') })).toHaveCount(2);
    // The copy it replaced can come back.
    await expect(panel.getByText('“TCP echo (copy)” was replaced.')).toBeVisible();
    await panel.getByRole('button', { name: 'Bring it back' }).click();
    await expect(panel.getByLabel('Title')).toHaveValue('TCP echo (copy)');

    await panel.getByRole('button', { name: 'Close the editor' }).click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Write a scenario' })).toHaveAttribute('aria-expanded', 'false');
  });

  test('says so when a written scenario’s session is gone and the tab does not hold the scenario', async ({ page }) => {
    await page.goto('/?scenario=lesson-one&custom=1&session=no-such-session');
    await expect(page.getByRole('alert')).toContainText('The session of your scenario “lesson-one” has ended');
    // Never a built-in scenario in its place, even one of the same name.
    await expect(page.getByRole('status', { name: 'Session status' })).toHaveCount(0);
  });

  test('a written scenario says what it teaches above its ladder, in its own words; without a description, nothing', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Write a scenario' }).click();
    const panel = editor(page);
    await panel.getByLabel('Title').fill('Listen only');
    await panel.getByLabel('Name').fill('listen-only');
    const teaches = 'The server listens; nobody connects, so no packet crosses the wire.';
    await panel.getByLabel('Description').fill(teaches);
    await panel.getByRole('button', { name: 'Start this scenario' }).click();
    const ladder = page.getByRole('region', { name: 'Ladder view' });
    await expect(ladder.getByText(teaches)).toBeVisible();
    // A teacher's words are not translated: the Korean page says them as written.
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('region', { name: '래더 화면' }).getByText(teaches)).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();

    await panel.getByLabel('Description').fill('');
    await panel.getByRole('button', { name: 'Start this scenario' }).click();
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Step 0 of 1');
    await expect(ladder.getByRole('heading', { name: 'Listen only' })).toBeVisible();
    await expect(ladder.getByText(teaches)).toHaveCount(0);
    // No empty box where the description would be.
    await expect(ladder.locator('.ladder-teaches')).toHaveCount(0);
  });
});
