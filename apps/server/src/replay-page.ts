import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fillReplayTemplate } from '@sockscope/protocol';

/**
 * The offline replay page with a recording in it. The page is a build output of apps/web, read
 * here by its path (the server does not import the page's code); the recording goes in as
 * protocol's fillReplayTemplate says.
 */

/** Built by `npm run build -w @sockscope/web` (vite.replay.config.ts). */
export const REPLAY_TEMPLATE = fileURLToPath(new URL('../../web/dist-replay/replay.html', import.meta.url));

/** The replay page has not been built: said with the command that builds it. */
export class ReplayTemplateMissingError extends Error {
  constructor(path: string) {
    super(`the offline replay page is not built (${path} is missing): run npm run build -w @sockscope/web`);
    this.name = 'ReplayTemplateMissingError';
  }
}

/** A recording's JSON Lines as one HTML file that replays it offline. */
export async function replayHtml(jsonl: string, template = REPLAY_TEMPLATE): Promise<string> {
  let page: string;
  try {
    page = await readFile(template, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReplayTemplateMissingError(template);
    throw error;
  }
  return fillReplayTemplate(page, jsonl);
}
