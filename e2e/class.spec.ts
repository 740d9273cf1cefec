import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

// A teacher and students, each in a browser of their own: the teacher opens a class, students follow it.

const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;

async function pages(browser: Browser, count: number): Promise<{ contexts: BrowserContext[]; open: () => Promise<Page>[] }> {
  const contexts = await Promise.all(Array.from({ length: count }, () => browser.newContext()));
  return { contexts, open: () => contexts.map((context) => context.newPage()) };
}

/** The teacher presses Teach and reads the class code off the dialog. */
async function teach(teacher: Page): Promise<string> {
  await teacher.getByRole('button', { name: 'Teach', exact: true }).click();
  const dialog = teacher.getByRole('dialog', { name: 'Class' });
  await expect(dialog).toBeVisible();
  const code = (await dialog.locator('.teach-code strong').innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}$/);
  return code;
}

const explanation = (page: Page) => page.locator('.explanation').first();
const position = async (page: Page) => (/(\d+)\D+(\d+)/.exec(await page.locator('.cursor-position').innerText()) ?? []).slice(1, 3).join('/');

test('students follow the teacher: same sentence, same event, a late joiner in Korean lands where the teacher is', async ({ browser }) => {
  // Several browsers and real sessions on a shared 2-core machine.
  test.setTimeout(120_000);
  const { contexts, open } = await pages(browser, 3);
  try {
    const [teacher, student, late] = await Promise.all(open());
    await teacher!.goto('/?scenario=tcp-echo');
    await stepTimes(teacher!, 3);
    const code = await teach(teacher!);
    const dialog = teacher!.getByRole('dialog', { name: 'Class' });
    await expect(dialog.getByRole('img', { name: /QR/ })).toBeVisible();
    await expect(dialog.getByRole('link')).toHaveAttribute('href', new RegExp(`/\\?class=${code}$`));
    // The test server listens on 127.0.0.1: the dialog says how to let the room in.
    await expect(dialog).toContainText('HOST=0.0.0.0 npm start');
    await expect(dialog.getByRole('status')).toHaveText('No students yet');

    await student!.goto(`/?class=${code.toLowerCase()}`);
    await expect(student!.getByText("You are following the teacher's view.")).toBeVisible();
    await expect(student!.getByRole('button', { name: 'Follow the teacher' })).toHaveAttribute('aria-pressed', 'true');
    await expect(dialog.getByRole('status')).toHaveText('1 student watching');
    for (const name of ['Step', 'Run', 'Pause', 'Reset', 'Teach']) await expect(student!.getByRole('button', { name, exact: true })).toHaveCount(0);
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());

    // The teacher walks back through the events: the student reads the same sentence each time.
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (let i = 0; i < 3; i += 1) {
      await teacher!.getByRole('button', { name: 'Previous event' }).click();
      const said = await explanation(teacher!).innerText();
      await expect(explanation(student!)).toHaveText(said);
      expect(await position(student!)).toBe(await position(teacher!));
    }
    // A step moves the class to its first event, and an arrow the teacher opens opens for the students.
    await stepTimes(teacher!, 1);
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());
    await teacher!.getByRole('button', { name: ARROW }).first().click();
    const detail = await teacher!.getByRole('complementary', { name: 'Event detail' }).locator('h3').innerText();
    await expect(student!.getByRole('complementary', { name: 'Event detail' }).locator('h3')).toHaveText(detail);
    await teacher!.getByRole('button', { name: 'Proportional time' }).click();
    await expect(student!.getByRole('button', { name: 'Proportional time' })).toHaveAttribute('aria-pressed', 'true');

    // A student who joins now, reading Korean, lands on the teacher's event, worded in Korean.
    await late!.goto(`/?class=${code}&lang=ko`);
    await expect(late!.getByRole('button', { name: '선생님 따라가기' })).toHaveAttribute('aria-pressed', 'true');
    // The same event (its number), named in the student's own language.
    const eventNumber = detail.split(' ')[0] ?? '';
    await expect(late!.getByRole('complementary', { name: '이벤트 상세' }).locator('h3')).toHaveText(new RegExp(`^${eventNumber} [가-힣]`));
    await expect.poll(() => position(late!)).toBe(await position(teacher!));
    await expect(explanation(late!)).toContainText(/[가-힣]/);
    await expect(teacher!.locator('.class-count')).toContainText('2 students watching');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

test('a student who moves on stops following and rejoins with one click; the class goes along to another scenario', async ({ browser }) => {
  // Several browsers and real sessions on a shared 2-core machine.
  test.setTimeout(120_000);
  const { contexts, open } = await pages(browser, 2);
  try {
    const [teacher, student] = await Promise.all(open());
    await teacher!.goto('/?scenario=tcp-echo');
    await stepTimes(teacher!, 3);
    const code = await teach(teacher!);
    await student!.goto(`/?class=${code}`);
    const toggle = student!.getByRole('button', { name: 'Follow the teacher' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());

    // The student looks back on their own: no longer following, and the banner says so.
    await student!.getByRole('button', { name: 'Previous event' }).click();
    await student!.getByRole('button', { name: 'Previous event' }).click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(student!.getByText('You are exploring on your own', { exact: false })).toBeVisible();
    const own = await explanation(student!).innerText();
    await stepTimes(teacher!, 1);
    await expect(student!.getByRole('status', { name: 'Session status' })).toContainText('Step 4 of');
    await expect(explanation(student!)).toHaveText(own);

    // One click: back to where the teacher is.
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());

    // Scrolling the ladder is exploring too.
    await student!.locator('.ladders-scroll').hover();
    await student!.mouse.wheel(0, 200);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    // A reload (a dropped connection, a closed lid) follows again from the teacher's view.
    await student!.reload();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());

    // The teacher starts another scenario: the class goes along.
    await unfold(teacher!);
    await teacher!.getByLabel('Scenario').selectOption('udp-echo');
    await teacher!.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(teacher!.locator('.ladder')).toHaveAttribute('data-scenario', 'udp-echo');
    await expect(student!.locator('.ladder')).toHaveAttribute('data-scenario', 'udp-echo');
    await stepTimes(teacher!, 2);
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());
    for (const name of ['Step', 'Run', 'Reset']) await expect(student!.getByRole('button', { name, exact: true })).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

test('the class goes along to a comparison and to a recording; students cannot rename or delete it', async ({ browser }) => {
  // Several browsers and real sessions on a shared 2-core machine.
  test.setTimeout(120_000);
  const { contexts, open } = await pages(browser, 2);
  try {
    const [teacher, student] = await Promise.all(open());
    await teacher!.goto('/?scenario=udp-echo');
    await expect(teacher!.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    const code = await teach(teacher!);
    await student!.goto(`/?class=${code}`);
    await expect(student!.locator('.ladder')).toHaveAttribute('data-scenario', 'udp-echo');

    await unfold(teacher!);
    await teacher!.getByRole('button', { name: 'Compare TCP and UDP' }).click();
    // Two sessions of Python programs (the form's default) take about 5 s to open on a loaded 2-core machine (Node's, 2.7 s).
    await expect(student!.locator('.ladder')).toHaveCount(2, { timeout: 15_000 });
    await expect(student!.locator('.ladder').first()).toHaveAttribute('data-scenario', 'tcp-echo');
    await expect(student!.locator('.ladder').last()).toHaveAttribute('data-scenario', 'udp-echo');
    await teacher!.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(teacher!.getByRole('status', { name: 'Session status' }).last()).toContainText('Finished', { timeout: 30_000 });
    await expect(student!.getByRole('status', { name: 'Session status' }).last()).toContainText('Finished');

    // The teacher opens the UDP echo just recorded: the class reads it too, from its first event.
    const row = (page: Page) => page.getByRole('region', { name: 'Recordings' }).getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'UDP echo', exact: true }) }).first();
    await unfold(teacher!);
    await row(teacher!).getByRole('button', { name: 'Open UDP echo' }).click();
    const shown = (page: Page) => page.getByRole('group', { name: 'Recording shown' });
    await expect(shown(teacher!)).toContainText('UDP echo');
    await expect(shown(student!)).toContainText('UDP echo');
    await teacher!.getByRole('button', { name: 'Next event' }).click();
    await teacher!.getByRole('button', { name: 'Next event' }).click();
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());
    await expect.poll(() => position(student!)).toBe(await position(teacher!));
    await unfold(teacher!);
    await unfold(student!);
    await expect(row(teacher!).getByRole('button', { name: 'Rename UDP echo' })).toBeVisible();
    await expect(row(student!).getByRole('button', { name: 'Open UDP echo' })).toBeVisible();
    await expect(row(student!).getByRole('button', { name: 'Rename UDP echo' })).toHaveCount(0);
    await expect(row(student!).getByRole('button', { name: 'Delete UDP echo' })).toHaveCount(0);

    // A reload of the teacher's page keeps its class: the students still follow it.
    await teacher!.reload();
    await expect(teacher!.locator('.class-count')).toContainText(`Class ${code}`);
    await unfold(teacher!);
    await row(teacher!).getByRole('button', { name: 'Open UDP echo' }).click();
    await teacher!.getByRole('button', { name: 'Next event' }).click();
    await expect(explanation(student!)).toHaveText(await explanation(teacher!).innerText());
    await expect.poll(() => position(student!)).toBe(await position(teacher!));
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

/** Once a ladder is shown the form and the recordings fold into one button: open them as a user would. */
async function unfold(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Scenarios and recordings' });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

test('a mistyped class code says there is no such class', async ({ page }) => {
  await page.goto('/?class=ZZZZZ');
  await expect(page.getByRole('alert')).toContainText('There is no class with this code on this server');
  await expect(page.getByRole('button', { name: 'Teach', exact: true })).toBeVisible();
});
