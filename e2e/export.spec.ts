import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { parseRecording, recordingToJsonLines, RecordingList, type Recording } from '@sockscope/protocol';

const ARROW = /^(SYN|FIN|RST|PSH|ACK|UDP|ICMP)[ ,]/;
const status = (page: Page) => page.getByRole('status', { name: 'Session status' });
const cursor = (page: Page) => page.getByRole('toolbar', { name: 'Event cursor' });
const explanation = (page: Page) => page.locator('.explanation').first();

/** Runs the page's sessions to their end: one, or two compared. */
async function runToEnd(page: Page, query: string, sessions = 1): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(status(page)).toHaveCount(sessions);
  await page.getByRole('button', { name: 'Run' }).click();
  for (const line of await status(page).all()) await expect(line).toContainText('Finished', { timeout: 30_000 });
}

/** The newest saved recording of `scenario` made after `since`: the session just ended saves itself. */
async function savedRecording(request: APIRequestContext, scenario: string, since: string): Promise<string> {
  let id = '';
  await expect.poll(async () => {
    const { recordings } = RecordingList.parse(await (await request.get('/api/recordings')).json());
    id = recordings.find((r) => r.scenario === scenario && r.createdAt >= since)?.id ?? '';
    return id;
  }, { timeout: 10_000 }).not.toBe('');
  return id;
}

/**
 * Opens a file in a browser context of its own, with every request but the file itself refused
 * and the context offline. Returns the page and the requests it tried to make.
 */
async function openOffline(browser: Browser, file: string, viewport = { width: 1600, height: 2400 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.setOffline(true);
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  await context.route('**', (route) => {
    requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, requests, errors, url, close: () => context.close() };
}

/** What a downloaded SVG holds, read by the browser's own strict XML parser. */
async function readSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: document.querySelector('parsererror')?.textContent ?? null,
      root: document.documentElement.localName,
      texts: Array.from(document.querySelectorAll('text'), (node) => node.textContent ?? ''),
    };
  }, svg);
}

test.describe('exports', () => {
  // Tall enough that the ladder draws every arrow of a TCP echo (it draws only what is in view).
  test.use({ viewport: { width: 1600, height: 2400 } });

  test('a recorded session exports as one HTML file that replays offline, steps, explains and speaks Korean', async ({ page, browser }, testInfo) => {
    await runToEnd(page, 'scenario=tcp-echo');
    // Newest first: the session just ended is the first TCP echo of the page's list (folded away while the session ran).
    await page.getByRole('button', { name: 'Scenarios and recordings' }).click();
    const row = page.getByRole('region', { name: 'Recordings' }).getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'TCP echo', exact: true }) }).first();
    const [download] = await Promise.all([
      page.waitForEvent('download'), row.getByRole('link', { name: 'Download TCP echo as one HTML file that replays it offline' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('TCP echo.html');
    const file = testInfo.outputPath('tcp-echo.html');
    await download.saveAs(file);

    const offline = await openOffline(browser, file);
    const replay = offline.page;
    await expect(replay.getByText('A recording, replayed offline from this file: no server, no network.')).toBeVisible();
    await expect(replay.getByRole('group', { name: 'Recording shown' })).toContainText('TCP echo');
    await expect(cursor(replay)).toContainText(/Event 1 of \d+/);
    const first = await explanation(replay).textContent();
    await replay.keyboard.press('ArrowRight');
    await expect(cursor(replay)).toContainText(/Event 2 of \d+/);
    await expect(explanation(replay)).not.toHaveText(first ?? '');
    await replay.getByRole('button', { name: 'Next event' }).click();
    await expect(cursor(replay)).toContainText(/Event 3 of \d+/);
    await replay.getByRole('button', { name: 'Previous event' }).click();
    await expect(cursor(replay)).toContainText(/Event 2 of \d+/);

    // Every arrow of the session, with its accessible name; a click opens its detail.
    const arrows = replay.getByRole('button', { name: ARROW });
    expect(await arrows.count()).toBeGreaterThan(8);
    const synAck = replay.getByRole('button', { name: /^SYN, ACK seq=0 ack=1, server to client, captured/ });
    await synAck.click();
    const detail = replay.getByRole('complementary', { name: 'Event detail' });
    await expect(detail).toContainText('SYN');
    await expect(explanation(replay)).toContainText("The server's kernel answers the SYN with SYN-ACK");

    await replay.getByRole('button', { name: '한국어' }).click();
    await expect(replay.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(replay.getByRole('toolbar', { name: '이벤트 커서' })).toContainText(/이벤트 \d+ \/ \d+/);
    await expect(explanation(replay)).toContainText(/[가-힣]/);
    await expect(replay.getByRole('button', { name: /^SYN, ACK seq=0 ack=1/ })).toBeVisible();

    expect(offline.requests).toEqual([offline.url]);
    expect(offline.errors).toEqual([]);
    await offline.close();
  });

  test('a recording of two tracks replays them side by side, and its SVG downloads offline with both', async ({ page, request, browser }, testInfo) => {
    const since = new Date().toISOString();
    await runToEnd(page, 'compare=tcp-echo,udp-echo', 2);
    const read = async (scenario: string) => parseRecording(await (await request.get(`/api/recordings/${await savedRecording(request, scenario, since)}`)).text());
    const [tcp, udp] = [await read('tcp-echo'), await read('udp-echo')];
    // One recording holding both sessions, imported as JSON Lines as a teacher's file would be.
    const both: Recording = { ...tcp, name: 'TCP and UDP echo', tracks: [tcp.tracks[0]!, { ...udp.tracks[0]!, id: 'udp' }] };
    const imported = await request.post('/api/recordings/import?file=both.jsonl', { data: recordingToJsonLines(both), headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.status()).toBe(201);
    const { recording } = (await imported.json()) as { recording: { id: string } };
    const file = testInfo.outputPath('both.html');
    writeFileSync(file, await (await request.get(`/api/recordings/${recording.id}/export?format=html`)).body());

    const offline = await openOffline(browser, file);
    const replay = offline.page;
    await expect(replay.getByRole('group', { name: 'Ladder diagram' })).toHaveCount(2);
    await expect(replay.getByRole('button', { name: /^SYN seq=0, client to server/ })).toBeVisible();
    await expect(replay.getByRole('button', { name: /^UDP len=5, client to server/ }).first()).toBeVisible();
    // The page's own recording bar chooses the ladders; the file has nothing else to show, so nothing closes it.
    const bar = replay.getByRole('group', { name: 'Recording shown' });
    await expect(bar.getByRole('button', { name: /Close the recording|Back to the live session/ })).toHaveCount(0);
    const beside = bar.getByRole('combobox', { name: 'Beside it' });
    const udpOption = (await beside.locator('option', { hasText: 'UDP echo' }).textContent()) ?? '';
    await beside.selectOption({ label: 'nothing' });
    await expect(replay.getByRole('group', { name: 'Ladder diagram' })).toHaveCount(1);
    await beside.selectOption({ label: udpOption });
    await expect(replay.getByRole('group', { name: 'Ladder diagram' })).toHaveCount(2);

    const [download] = await Promise.all([replay.waitForEvent('download'), replay.getByRole('button', { name: 'SVG', exact: true }).click()]);
    const svg = await readSvg(replay, readFileSync(await download.path(), 'utf8'));
    expect(svg.error).toBeNull();
    // The UDP ladder's marks of what TCP has and it has not go into the picture too.
    expect(svg.texts).toEqual(expect.arrayContaining(['TCP echo · UDP echo', 'TCP echo', 'UDP echo', 'SYN seq=0', 'UDP len=5', 'no handshake', 'no ACK', 'no FIN']));
    expect(offline.requests).toEqual([offline.url]);
    await offline.close();
  });

  test('the page exports the ladder it shows as a standalone SVG and a PNG at twice its size', async ({ page }) => {
    await runToEnd(page, 'scenario=tcp-echo');
    const labels = (await page.getByRole('button', { name: ARROW }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? '')))
      .map((name) => name.replace(/, (client|server) to (client|server), (captured|inferred)$/, ''));
    expect(labels.length).toBeGreaterThan(8);
    const exporting = page.getByRole('group', { name: 'Export' });

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toMatch(/^sockscope-tcp-echo-\d{4}-\d\d-\d\d-\d{4}\.svg$/);
    const text = readFileSync(await svgDownload.path(), 'utf8');
    const svg = await readSvg(page, text);
    expect(svg.error).toBeNull();
    expect(svg.root).toBe('svg');
    for (const label of labels) expect(svg.texts).toContain(label);
    expect(svg.texts).toEqual(expect.arrayContaining(['TCP echo', 'CLIENT', 'SERVER', 'Step 1: server: listen()']));
    expect(text).not.toMatch(/class=|url\(|href|<style|var\(/);
    // It draws on its own, as an image with nothing around it.
    const drawn = await page.evaluate(async (source) => {
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    }, text);
    expect(drawn.width).toBeGreaterThan(800);

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync(await pngDownload.path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: drawn.width * 2, height: drawn.height * 2 });
  });
});
