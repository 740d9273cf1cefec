import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { stepTimes } from './steps.ts';

// The Code pane: the Python programs a session runs, the line of the event at the cursor, the line that runs next.

const pane = (page: Page) => page.getByRole('complementary', { name: /^(Code: the programs|코드: 호출을 하는 프로그램)/ });
/** The line marked as the cursor's: its list item carries aria-current. */
const currentLine = (page: Page) => pane(page).getByRole('listitem').and(page.locator('[aria-current="true"]'));
const nextLine = (page: Page) => pane(page).getByRole('listitem').filter({ has: page.locator('.code-next-tag') });

/** Chooses Python in the form and starts a scenario, then opens the Code pane. */
async function startPython(page: Page, scenario: string, words = { program: 'Program', start: 'Start', code: 'Code' }): Promise<void> {
  const program = page.getByRole('radiogroup', { name: words.program });
  // Python is the default where the server runs it.
  await expect(program.getByRole('radio', { name: 'Python' })).toBeChecked();
  await expect(program.getByRole('radio', { name: 'Node' })).not.toBeChecked();
  await page.getByRole('combobox', { name: /Scenario|시나리오/ }).selectOption(scenario);
  await page.getByRole('button', { name: words.start, exact: true }).click();
  const toggle = page.getByRole('button', { name: words.code, exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(pane(page)).toBeVisible();
}

test('a Python tcp-echo steps line by line in the Code pane, and a line shows its call on the ladder', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await startPython(page, 'tcp-echo');
  const server = pane(page).getByRole('region', { name: 'Server program' });
  const client = pane(page).getByRole('region', { name: 'Client program' });
  await expect(server).toContainText('listener.listen(511)');
  await expect(client).toContainText('client.connect((HOST, PORT))');
  // Before any step: no line has run, and the first line of step 1 runs next.
  await expect(pane(page)).toContainText('No line has run yet.');
  await expect(nextLine(page)).toContainText('listener = socket.socket(');

  await stepTimes(page, 1);
  // The cursor is on the step's first event, socket(); walking down the step reaches listen().
  await expect(currentLine(page)).toContainText('listener = socket.socket(');
  await expect(currentLine(page)).toContainText('made the event at the cursor');
  const next = page.getByRole('button', { name: 'Next event' });
  for (let i = 0; i < 12 && !(await currentLine(page).innerText()).includes('listen('); i += 1) await next.click();
  await expect(currentLine(page)).toContainText('listener.listen(511)');
  await expect(pane(page).locator('.code-now')).toContainText("This event was made by the server's line");
  await expect(nextLine(page)).toContainText('listener.accept()');

  await stepTimes(page, 1);
  await expect(currentLine(page)).toContainText('conn, addr = listener.accept()');
  await stepTimes(page, 1);
  // The client's connect(): its line now, in the client's program.
  await expect(client.locator('[aria-current="true"]')).toContainText('client = socket.socket(');

  // ↑ and ↓ in the ladder move the highlight too.
  await page.getByRole('button', { name: /^SYN seq=0, client to server/ }).click();
  await expect(currentLine(page)).toContainText('client.connect((HOST, PORT))');
  await expect(currentLine(page)).toContainText('the last call before the event at the cursor');

  // A click on a call on the ladder shows its line; ↑ and Enter in the ladder go to the call before, and its line.
  await page.getByRole('button', { name: /^listen\(511\) on server/ }).click();
  await expect(currentLine(page)).toContainText('listener.listen(511)');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(currentLine(page)).toContainText('listener.bind((HOST, PORT))');
  await expect(currentLine(page)).toContainText('made the event at the cursor');
  // A click on a line selects its call on the ladder.
  await server.getByRole('button', { name: /conn, addr = listener\.accept\(\)/ }).click();
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await expect(detail).toContainText('accept');
  await expect(page.getByRole('button', { name: /^accept\(\) on server/ })).toHaveAttribute('aria-current', 'true');
  await expect(currentLine(page)).toContainText('conn, addr = listener.accept()');
});

test('in Korean: 프로그램 Python, 코드 창, the line follows a step', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?lang=ko');
  await startPython(page, 'udp-echo', { program: '프로그램', start: '시작', code: '코드' });
  await expect(pane(page).getByRole('region', { name: '서버 프로그램' })).toContainText('server.bind((HOST, PORT))');
  await expect(pane(page)).toContainText('아직 실행된 줄이 없습니다.');
  const step = page.getByRole('button', { name: '한 단계', exact: true });
  await step.click();
  await expect(currentLine(page)).toContainText('server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)');
  await expect(currentLine(page)).toContainText('커서의 이벤트를 만든 줄');
  await expect(pane(page).locator('.code-now')).toContainText('이 이벤트를 만든 줄: 서버 1');
});

test('a Node session says it has no program text; holding the wire runs Node, and the form says why', async ({ page }) => {
  await page.goto('/');
  const program = page.getByRole('radiogroup', { name: 'Program' });
  await program.getByRole('radio', { name: 'Node' }).check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await expect(pane(page)).toContainText("This session's calls are made by Node (net and dgram), which has no program text to show");
  await expect(pane(page).getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Scenarios and recordings' }).click();
  await program.getByRole('radio', { name: 'Python' }).check();
  await page.getByRole('combobox', { name: 'Wire' }).selectOption({ label: 'Hold each packet' });
  await expect(program.getByRole('radio', { name: 'Python' })).toBeDisabled();
  await expect(program.getByRole('radio', { name: 'Node' })).toBeChecked();
  await expect(program).toHaveAccessibleDescription('Holding the wire runs Node: Python programs cannot hold the wire yet.');
  await page.getByRole('combobox', { name: 'Wire' }).selectOption({ label: 'Normal' });
  await expect(program.getByRole('radio', { name: 'Python' })).toBeChecked();
});

test('a student following the teacher sees the Code pane the teacher opens, on the same line', async ({ browser }) => {
  test.setTimeout(120_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [teacher, student] = await Promise.all(contexts.map((context) => context.newPage()));
    await teacher!.goto('/');
    await startPython(teacher!, 'tcp-echo');
    await stepTimes(teacher!, 2);
    await teacher!.getByRole('button', { name: 'Teach', exact: true }).click();
    const dialog = teacher!.getByRole('dialog', { name: 'Class' });
    const code = (await dialog.locator('.teach-code strong').innerText()).trim();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await student!.goto(`/?class=${code}&lang=ko`);
    await expect(student!.getByRole('button', { name: '코드', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(currentLine(student!)).toContainText('conn, addr = listener.accept()');
    await teacher!.getByRole('button', { name: /^listen\(511\) on server/ }).click();
    await expect(currentLine(student!)).toContainText('listener.listen(511)');
    await expect(currentLine(student!)).toContainText('커서의 이벤트를 만든 줄');
    // The teacher closes the pane: it closes for the class.
    await teacher!.getByRole('button', { name: 'Code', exact: true }).click();
    await expect(pane(student!)).toHaveCount(0);
    await expect(student!.getByRole('button', { name: '코드', exact: true })).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

test('the offline HTML of a Python recording shows its programs and marks the cursor\'s line', async ({ request, browser }, testInfo) => {
  const jsonl = readFileSync(new URL('../packages/recordings/test-sessions/tcp-echo.python.jsonl', import.meta.url), 'utf8');
  const imported = await request.post('/api/recordings/import?file=python-echo.jsonl', { data: jsonl, headers: { 'content-type': 'application/x-ndjson' } });
  expect(imported.status()).toBe(201);
  const { recording } = (await imported.json()) as { recording: { id: string } };
  const file = testInfo.outputPath('python-echo.html');
  writeFileSync(file, await (await request.get(`/api/recordings/${recording.id}/export?format=html`)).body());
  await openOffline(browser, file, async (replay) => {
    await replay.getByRole('button', { name: 'Code', exact: true }).click();
    await expect(pane(replay).getByRole('region', { name: 'Server program' })).toContainText('listener.listen(511)');
    await replay.getByRole('button', { name: /^bind\(.*\) on server/ }).click();
    await expect(currentLine(replay)).toContainText('listener.bind((HOST, PORT))');
    await pane(replay).getByRole('region', { name: 'Client program' }).getByRole('button', { name: /client\.send\(b"hello"\)/ }).click();
    await expect(replay.getByRole('button', { name: /^send\(5\) on client/ })).toHaveAttribute('aria-current', 'true');
  });
});

/** Opens a file in a browser context of its own, offline, and runs `check` on it. */
async function openOffline(browser: Browser, file: string, check: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await check(page);
  } finally {
    await context.close();
  }
}
