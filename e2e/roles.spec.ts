import { expect, test, type Page } from '@playwright/test';

// A teacher and a student, each in a browser of their own, on the same session link.
test('a student who opens the teacher\'s link watches: no controls, and a raw step is refused', async ({ browser }) => {
  const teacherContext = await browser.newContext();
  const studentContext = await browser.newContext();
  try {
    const teacher = await teacherContext.newPage();
    await teacher.goto('/?scenario=tcp-echo');
    const step = teacher.getByRole('button', { name: 'Step', exact: true });
    await expect(step).toBeEnabled();
    await step.click();
    await expect(teacher.getByRole('status', { name: 'Session status' })).toContainText('Step 1 of 11');
    // The link the teacher shares: the page's address names the session.
    await expect(teacher).toHaveURL(/session=/);
    const link = teacher.url();

    const student = await studentContext.newPage();
    await student.goto(link);
    await expect(student.getByText('You are watching: only the page that started this session can step, run or reset it.')).toBeVisible();
    for (const name of ['Step', 'Run', 'Pause', 'Reset']) await expect(student.getByRole('button', { name, exact: true })).toHaveCount(0);
    // The pace is Run's, which a watcher cannot press.
    await expect(student.getByRole('combobox', { name: 'Pace' })).toHaveCount(0);
    await expect(student.getByRole('status', { name: 'Session status' })).toContainText('Step 1 of 11');

    // A student who sends the WebSocket message by hand is refused, and the session does not move.
    const sessionId = new URL(link).searchParams.get('session')!;
    const refusal = await student.evaluate(async (id) => {
      const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws`);
      return new Promise<string>((resolve) => {
        ws.addEventListener('open', () => ws.send(JSON.stringify({ v: 1, type: 'step', sessionId: id, requestId: 'sneaky' })));
        ws.addEventListener('message', (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; code?: string; requestId?: string };
          if (message.requestId === 'sneaky') resolve(message.code ?? message.type);
        });
      });
    }, sessionId);
    expect(refusal).toBe('not-presenter');

    // The teacher drives on, and the student sees it; after a reload the teacher still drives.
    await step.click();
    await expect(student.getByRole('status', { name: 'Session status' })).toContainText('Step 2 of 11');
    await teacher.reload();
    await expect(teacher.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    await teacher.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(student.getByRole('status', { name: 'Session status' })).toContainText('Step 3 of 11');
  } finally {
    await Promise.all([teacherContext.close(), studentContext.close()]);
  }
});

/** What only the page that started a session can use: each would be refused, or do nothing, anywhere else. */
const OWNER_ONLY = [
  { role: 'button', name: 'Step' }, { role: 'button', name: 'Run' }, { role: 'button', name: 'Pause' }, { role: 'button', name: 'Reset' },
  { role: 'button', name: 'Deliver' }, { role: 'button', name: 'Drop' }, { role: 'button', name: 'Deliver all' },
  { role: 'button', name: 'What happens next?' }, { role: 'button', name: 'Reveal' }, { role: 'combobox', name: 'Pace' },
] as const;

async function enabledOwnerControls(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const { role, name } of OWNER_ONLY) {
    for (const control of await page.getByRole(role, { name, exact: true }).all()) {
      if (await control.isVisible() && await control.isEnabled()) found.push(`${role} ${name}`);
    }
  }
  return found;
}

test('a student in a class has no enabled control that only the teacher may use; their own axis or zoom stops following', async ({ browser }) => {
  test.setTimeout(120_000);
  const teacherContext = await browser.newContext();
  const studentContext = await browser.newContext();
  try {
    const teacher = await teacherContext.newPage();
    // A session that holds the wire, so that Deliver and Drop are there too.
    await teacher.goto('/');
    const picker = teacher.getByRole('form', { name: 'New session' });
    await picker.getByLabel('Scenario').selectOption({ label: 'TCP echo' });
    await picker.getByLabel('Wire').selectOption({ label: 'Hold each packet' });
    await picker.getByRole('button', { name: 'Start' }).click();
    const step = teacher.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i += 1) {
      await expect(step).toBeEnabled();
      await step.click();
    }
    const inFlight = (page: Page) => page.getByRole('toolbar', { name: 'Packets in flight' }).getByRole('status');
    await expect(inFlight(teacher)).toHaveText(/^1 packet in flight/);
    // The same names find the teacher's controls (Step and Run wait for the packet): the list is not out of date.
    expect(await enabledOwnerControls(teacher)).toEqual(expect.arrayContaining(['button Reset', 'button Deliver', 'button Drop', 'button Deliver all', 'combobox Pace']));
    await expect(teacher.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();

    await teacher.getByRole('button', { name: 'Teach', exact: true }).click();
    const code = (await teacher.getByRole('dialog', { name: 'Class' }).locator('.teach-code strong').innerText()).trim();
    const student = await studentContext.newPage();
    await student.goto(`/?class=${code}`);
    await expect(student.getByRole('button', { name: 'Follow the teacher' })).toHaveAttribute('aria-pressed', 'true');
    await expect(inFlight(student)).toHaveText(/^1 packet in flight/);
    await expect(student.getByText('You are watching: only the page that started this session can step, run or reset it.')).toBeVisible();
    expect(await enabledOwnerControls(student)).toEqual([]);

    // The axis and the zoom are the student's own to change: they then explore, and the teacher's next move leaves them be.
    await student.getByRole('button', { name: 'Proportional time' }).click();
    await expect(student.getByRole('button', { name: 'Follow the teacher' })).toHaveAttribute('aria-pressed', 'false');
    await teacher.getByRole('button', { name: 'Previous event' }).click();
    await teacher.getByRole('button', { name: 'Zoom in' }).click();
    await expect(teacher.locator('.zoom-level')).not.toHaveText('1×');
    await expect(student.getByRole('button', { name: 'Proportional time' })).toHaveAttribute('aria-pressed', 'true');
    // Following again takes the teacher's axis back.
    await student.getByRole('button', { name: 'Follow the teacher' }).click();
    await expect(student.getByRole('button', { name: 'Event-spaced' })).toHaveAttribute('aria-pressed', 'true');
    await expect(student.locator('.zoom-level')).toHaveText(await teacher.locator('.zoom-level').innerText());
  } finally {
    await Promise.all([teacherContext.close(), studentContext.close()]);
  }
});
