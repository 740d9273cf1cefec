import { expect, test } from '@playwright/test';
import { stepTimes } from './steps.ts';

// A teacher fills an accept queue in one browser while a student runs an ordinary echo in another:
// each session has a network of its own, so the SYNs the teacher's kernel drops never show on the student's ladder.
test('SYNs dropped in one session never show in another running beside it', async ({ browser }) => {
  const teacherContext = await browser.newContext();
  const studentContext = await browser.newContext();
  try {
    const student = await studentContext.newPage();
    await student.goto('/?scenario=tcp-echo');
    await expect(student.getByRole('status', { name: 'Session status' })).toContainText('Capture on');
    // listen(): the student's listener is up before any SYN is dropped.
    await stepTimes(student, 1);

    const teacher = await teacherContext.newPage();
    await teacher.goto('/?scenario=backlog-full');
    // listen() with a backlog of 1, then four connect()s: the third and fourth SYNs find the accept queue full.
    await stepTimes(teacher, 5);
    await expect(teacher.getByRole('button', { name: /SYNs? dropped: accept queue full, by the server's kernel, socket s1/ }).first()).toBeVisible();

    await stepTimes(student, 9);
    await student.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(student.getByRole('status', { name: 'Session status' })).toContainText('Finished');
    await expect(student.getByRole('button', { name: /dropped/ })).toHaveCount(0);
    // Its sessions share nothing with the machine, so the page says nothing about sharing.
    await expect(student.getByRole('status', { name: 'Session status' })).not.toContainText('network');
  } finally {
    await teacherContext.close();
    await studentContext.close();
  }
});
