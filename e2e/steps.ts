import { expect, type Page } from '@playwright/test';

/**
 * Clicks Step `times` times, each time waiting until every shown session has taken that step
 * and is ready again (its status says so), so that what follows sees the step's events: an
 * enabled Step button alone can come before the step's status and events do.
 */
export async function stepTimes(page: Page, times: number): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const statuses = page.getByRole('status', { name: 'Session status' });
  const doneNow = async () => Promise.all((await statuses.allInnerTexts()).map((text) => Number(/Step (\d+) of/.exec(text)?.[1] ?? 0)));
  for (let i = 0; i < times; i += 1) {
    await expect(step).toBeEnabled();
    const before = await doneNow();
    await step.click();
    await expect.poll(async () => {
      const texts = await statuses.allInnerTexts();
      // A session compared beside another may be over first; it takes no more steps.
      return texts.every((text, place) => /Finished/.test(text) || (text.includes('Ready') && text.includes(`Step ${(before[place] ?? 0) + 1} of`)));
    }, { timeout: 15_000 }).toBe(true);
  }
  await expect(step).toBeEnabled();
}
