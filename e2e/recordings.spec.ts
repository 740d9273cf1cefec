import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TEST_CAPTURES as CAPTURES } from '../packages/wire/src/test-captures.ts';
import { syntheticCapture } from '../bench/wire-reader.ts';

const recordings = (page: Page) => page.getByRole('region', { name: 'Recordings' });
const importFile = (page: Page, file: string) => page.getByLabel('Import a file').setInputFiles(file);
const cursorPosition = (page: Page) => page.getByRole('toolbar', { name: 'Event cursor' });

test.describe('recordings', () => {
  test.use({ viewport: { width: 1600, height: 1400 } });

  test('a session run to its end is listed; it is renamed, opened, stepped through with the cursor, and deleted', async ({ page }) => {
    await page.goto('/?scenario=tcp-echo');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('status', { name: 'Session status' })).toContainText('Finished', { timeout: 30_000 });

    // Newest first: the session just ended is the first TCP echo of the list (folded away while the session ran).
    await page.getByRole('button', { name: 'Scenarios and recordings' }).click();
    const list = recordings(page);
    const row = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'TCP echo', exact: true }) }).first();
    await expect(row).toContainText('tcp-echo');
    await expect(row).toContainText('captured');

    await row.getByRole('button', { name: 'Rename TCP echo' }).click();
    // Only the row being renamed has a name field (and a Save button).
    const field = list.getByRole('textbox', { name: 'New name for TCP echo' });
    await expect(field).toBeFocused();
    await field.fill('   ');
    await expect(list.getByRole('alert')).toHaveText('A name cannot be empty.');
    await expect(list.getByRole('button', { name: 'Save' })).toBeDisabled();
    const name = `Echo for Monday ${Date.now()}`;
    await field.fill(name);
    await field.press('Enter');
    const renamed = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(renamed).toHaveCount(1);

    // Its downloads are named after it; a captured session has its pcap.
    const [jsonl] = await Promise.all([page.waitForEvent('download'), renamed.getByRole('link', { name: `Download ${name} as JSON Lines` }).click()]);
    expect(jsonl.suggestedFilename()).toBe(`${name}.jsonl`);
    await expect(renamed.getByRole('link', { name: `Download ${name} as pcap` })).toBeVisible();

    await renamed.getByRole('button', { name: `Open ${name}` }).click();
    const bar = page.getByRole('group', { name: 'Recording shown' });
    await expect(bar).toContainText(name);
    await expect(bar).toContainText('A recording has already run: no Step, Run or Reset');
    // No Step, Run or Reset to press for a recording: the cursor steps through it instead.
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
    await expect(cursorPosition(page)).toContainText(/Event 1 of \d+/);
    const explanation = page.locator('.explanation');
    const first = await explanation.textContent();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(cursorPosition(page)).toContainText(/Event 3 of \d+/);
    await expect(explanation).not.toHaveText(first ?? '');
    await page.getByRole('button', { name: 'Previous event' }).click();
    await expect(cursorPosition(page)).toContainText(/Event 2 of \d+/);
    await page.getByRole('button', { name: /^SYN, ACK seq=0 ack=1, server to client, captured/ }).click();
    await expect(explanation).toContainText('SYN-ACK');
    await expect(page.getByRole('complementary', { name: 'Event detail' })).toContainText('captured on the wire');

    await renamed.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = renamed.getByRole('group', { name: `Delete ${name}` });
    await expect(confirm).toContainText(`Delete “${name}” for good?`);
    await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Delete it' }).click();
    await expect(renamed).toHaveCount(0);
    // The deleted recording leaves the view; the live session is back, with its controls.
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
  });

  test('a real capture is imported (chosen, or dropped on the page) and its connection drawn as arrows; a malformed one lists its broken packets and is still drawn', async ({ page }) => {
    await page.goto('/');
    await importFile(page, path.join(CAPTURES, 'dns_tcp.pcap'));
    const list = recordings(page);
    await expect(list).toContainText('dns_tcp.pcap: 11 packets, in 1 connection or flow.');
    await expect(page.getByRole('button', { name: /^SYN seq=0, client to server, captured/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^FIN, ACK seq=59 ack=227, client to server, captured/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^TIME-WAIT: client socket c1/ })).toBeVisible();
    await expect(page.getByText('Socket calls are unknown for an imported capture')).toBeVisible();
    await expect(page.locator('.lane-label')).toHaveText(['client192.168.1.11:33779', 'server209.87.249.18:53']);
    await expect(list.getByText('Saved on the server: it is in the list.')).toBeVisible();
    await expect(list.getByRole('rowheader', { name: 'dns_tcp.pcap' }).first()).toBeVisible();

    // Three UDP flows: one ladder each, chosen from a list, and two side by side.
    await importFile(page, path.join(CAPTURES, 'syslog_udp.pcap'));
    await expect(list).toContainText('syslog_udp.pcap: 4 packets, in 3 connections and flows.');
    const ladder = page.getByLabel('Ladder', { exact: true });
    await expect(ladder.getByRole('option')).toHaveCount(3);
    await ladder.selectOption({ label: (await ladder.getByRole('option').nth(2).textContent()) ?? '' });
    await page.getByLabel('Beside it').selectOption({ index: 1 });
    await expect(page.getByRole('region', { name: 'Two ladders side by side' })).toBeVisible();
    await expect(page.locator('.ladder')).toHaveCount(2);

    await importFile(page, path.join(CAPTURES, 'timestamp_invalid_nano.pcap'));
    await expect(list).toContainText('2 broken packets, listed here; the rest of the file is drawn.');
    const broken = list.getByRole('table', { name: 'Broken packets' });
    await expect(broken.getByRole('row')).toHaveText([
      'PacketOffset (bytes)Reason',
      '2116timestamp fraction 1000000000 ns is not below one second',
      '3208timestamp fraction 2147483648 ns is not below one second',
    ]);
    await expect(page.getByRole('button', { name: /^SYN seq=0, client to server, captured/ })).toBeVisible();

    // A file dropped anywhere on the page is imported the same way.
    const bytes = [...readFileSync(path.join(CAPTURES, 'dns_udp.pcap'))];
    const dropped = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], 'dns_udp.pcap'));
      return transfer;
    }, bytes);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: dropped });
    await expect(page.getByText('Drop the file to import it')).toBeVisible();
    await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
    await expect(page.getByText('Drop the file to import it')).toHaveCount(0);
    await expect(list).toContainText('dns_udp.pcap: 2 packets, in 1 connection or flow.');
    await expect(page.getByRole('button', { name: /^UDP .*client to server, captured/ })).toBeVisible();
  });

  test('a bad JSON Lines file is refused with the line and the field at fault', async ({ page }) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sockscope-e2e-jsonl-'));
    const file = path.join(folder, 'broken.jsonl');
    const header = {
      type: 'recording', format: 'sockscope', v: 1, name: 'broken', createdAt: '2026-11-25T12:00:00.000Z',
      origin: { kind: 'session', scenario: 'tcp-echo' },
      tracks: [{ id: 'session', title: 'TCP echo', proto: 'tcp', capture: { mode: 'pcap' }, sides: [{ name: 'client' }, { name: 'server' }], events: 1 }],
    };
    const event = { id: 1, t: 0, kind: 'segment', source: 'captured', from: 'client', to: 'server', src: 'a:1', dst: 'b:2', flags: ['SYNACK'], relSeq: 0, len: 0 };
    writeFileSync(file, `${JSON.stringify(header)}\n${JSON.stringify({ type: 'event', track: 'session', event })}\n`);
    try {
      await page.goto('/');
      await importFile(page, file);
      await expect(recordings(page).getByRole('alert')).toContainText('broken.jsonl was not imported: line 2, field event.flags.0:');
      await expect(page.getByRole('group', { name: 'Recording shown' })).toHaveCount(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a 200,000-packet capture imports with a moving progress bar, and the page answers clicks meanwhile', async ({ page, request }) => {
    test.setTimeout(180_000);
    const folder = mkdtempSync(path.join(tmpdir(), 'sockscope-e2e-big-'));
    const file = path.join(folder, 'big.pcap');
    writeFileSync(file, syntheticCapture(200_000));
    try {
      await page.goto('/');
      const started = Date.now();
      await importFile(page, file);
      const progress = page.getByRole('progressbar', { name: 'Import of big.pcap' });
      await expect(progress).toBeVisible();
      const value = () => progress.evaluate((bar) => (bar as HTMLProgressElement).value);
      await expect.poll(value).toBeGreaterThan(0);
      const early = await value();
      await expect.poll(value, { timeout: 30_000 }).toBeGreaterThan(early);

      // While the worker decodes, the page switches language at once, and back.
      await page.getByRole('button', { name: '한국어' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko', { timeout: 1_000 });
      await expect(page.getByRole('progressbar', { name: 'big.pcap 가져오기' })).toBeVisible({ timeout: 1_000 });
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en', { timeout: 1_000 });
      await expect(progress).toBeVisible();

      const list = recordings(page);
      await expect(list).toContainText('big.pcap: 200,000 packets, in 1 connection or flow.', { timeout: 120_000 });
      const drawn = Date.now();
      await expect(page.getByRole('button', { name: /^PSH, ACK seq=1 ack=1 len=100, client to server, captured/ })).toBeVisible();
      await expect(list.getByText('Saved on the server: it is in the list.')).toBeVisible({ timeout: 120_000 });
      console.log(`200,000-packet pcap: decoded and drawn in ${drawn - started} ms, saved on the server after ${Date.now() - started} ms`);

      const saved = await (await request.get('/api/recordings')).json() as { recordings: { id: string; name: string }[] };
      for (const recording of saved.recordings.filter((candidate) => candidate.name === 'big.pcap')) {
        await request.delete(`/api/recordings/${recording.id}`);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
