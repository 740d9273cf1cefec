/**
 * The README's pictures of the page, taken from a running server by a real Chromium:
 * `PORT=8080 npm run screenshots` (after `npm start`, or with `npm run serve -w @sockscope/server`).
 * Each starts a real session, steps it, and saves a PNG in docs/. Words after the command take
 * only the shots whose file names hold one of them: `npm run screenshots -- code compare`.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const base = `http://localhost:${process.env.PORT ?? 8080}`;
const executablePath = process.env.SOCKSCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

interface Shot {
  file: string;
  query: string;
  width: number;
  height: number;
  steps: number;
  present?: boolean;
  lang?: 'en' | 'ko';
  /** Scrolls the ladder so that the first element this selector finds is in the middle of its view. */
  scrollTo?: string;
  /** Opens the Code pane (the query runs the scenario's Python programs). */
  code?: boolean;
}

const SHOTS: Shot[] = [
  { file: 'docs/present-1024.png', query: 'scenario=tcp-echo', width: 1024, height: 768, steps: 3, present: true },
  { file: 'docs/present-1024-ko.png', query: 'scenario=tcp-echo', width: 1024, height: 768, steps: 3, present: true, lang: 'ko' },
  { file: 'docs/page-1280.png', query: 'scenario=tcp-echo', width: 1280, height: 800, steps: 5 },
  { file: 'docs/page-1920.png', query: 'scenario=tcp-echo', width: 1920, height: 1080, steps: 5 },
  // Compare by meaning: send() beside sendto(), UDP's "no handshake" beside TCP's connect() and "no ACK" beside its ACK.
  { file: 'docs/compare.png', query: 'compare=tcp-echo,udp-echo', width: 1920, height: 1080, steps: 4, scrollTo: '.absence-mark' },
  { file: 'docs/compare-1024-ko.png', query: 'compare=tcp-echo,udp-echo', width: 1024, height: 768, steps: 3, lang: 'ko', scrollTo: '.absence-mark' },
  { file: 'docs/code.png', query: 'scenario=tcp-echo&program=python', width: 1024, height: 768, steps: 4, code: true },
  { file: 'docs/code-1024-ko.png', query: 'scenario=tcp-echo&program=python', width: 1024, height: 768, steps: 4, code: true, lang: 'ko' },
  { file: 'docs/code-1920.png', query: 'scenario=tcp-echo&program=python', width: 1920, height: 1080, steps: 5, code: true },
  { file: 'docs/code-1920-ko.png', query: 'scenario=tcp-echo&program=python', width: 1920, height: 1080, steps: 5, code: true, lang: 'ko' },
];
const only = process.argv.slice(2);

/** Steps as a user does: Step, then wait until every shown session is ready again. */
async function step(page: Page, times: number): Promise<void> {
  const button = page.locator('.controls button.primary');
  for (let i = 0; i < times; i += 1) {
    await button.click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.status-line')).every((line) => /ready|finished/.test(line.getAttribute('data-status') ?? '')));
    await page.waitForFunction(() => !(document.querySelector('.controls button.primary') as HTMLButtonElement | null)?.disabled);
  }
}

/**
 * A class: the teacher's page at 1024×768 with the class's column (code, link, QR code, count)
 * beside the ladder, and a student's page at 1280×800 following it, each in a browser of its own.
 */
async function classShots(): Promise<void> {
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const studentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const teacher = await teacherContext.newPage();
    await teacher.goto(`${base}/?scenario=tcp-echo&lang=en`);
    await teacher.locator('.controls button.primary:not(:disabled)').waitFor();
    await step(teacher, 3);
    await teacher.locator('.class-bar button').click();
    const code = (await teacher.locator('.teach-code strong').innerText()).trim();
    const student = await studentContext.newPage();
    await student.goto(`${base}/?class=${code}&lang=en`);
    await teacher.locator('.teach-count', { hasText: '1 student' }).waitFor();
    await student.locator('.explanation', { hasText: await teacher.locator('.explanation').innerText() }).waitFor();
    for (const [page, file] of [[teacher, 'docs/class-teacher-1024.png'], [student, 'docs/class-student-1280.png']] as const) {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: file });
      console.log(file);
    }
  } finally {
    await Promise.all([teacherContext.close(), studentContext.close()]);
  }
}

const browser = await chromium.launch({
  ...(executablePath && { executablePath }),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const shot of SHOTS.filter(({ file }) => only.length === 0 || only.some((word) => file.includes(word)))) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.goto(`${base}/?${shot.query}&lang=${shot.lang ?? 'en'}`);
    await page.locator('.controls button.primary:not(:disabled)').waitFor();
    await step(page, shot.steps);
    if (shot.present) await page.locator('.present-toggle').click();
    if (shot.scrollTo) await page.locator(shot.scrollTo).first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
    if (shot.code) await page.locator('.code-toggle').click();
    // The focus ring on Step is for the keyboard, not for the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: shot.file });
    console.log(`${shot.file}: ${shot.width}×${shot.height}`);
    await page.close();
  }
  await classShots();
} finally {
  await browser.close();
}
