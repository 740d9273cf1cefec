import { expect, test } from '@playwright/test';

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
