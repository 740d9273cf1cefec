import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Recording } from '@sockscope/protocol';
import { DOMParser } from 'linkedom';
import { renderToStaticMarkup } from 'react-dom/server';
import { layoutAligned } from '../ladder/layout.ts';
import { messagesFor, type Locale } from '../messages.ts';
import { onLanes } from '../recordings/ladder-sides.ts';
import { fillReplayTemplate, trackSlot } from '../replay/recording-view.ts';
import { ladderPicture, pictureFileName, PictureTooLargeError } from './ladder-picture.tsx';
import type { XmlTools } from './standalone-svg.ts';

/**
 * The exports the server and the CLI make from a stored recording, in Node: the ladder as a
 * standalone SVG (drawn by the page's own LadderSvg through react-dom/server, styled from the
 * page's own stylesheet), and the offline replay page with the recording inside.
 */

/** Built by `npm run build -w @sockscope/web` (vite.replay.config.ts). */
export const REPLAY_TEMPLATE = fileURLToPath(new URL('../../dist-replay/replay.html', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('../styles.css', import.meta.url));

export { isLocale, LOCALES, type Locale } from '../messages.ts';

/** What was asked of a picture cannot be drawn (a track the recording lacks, too many): the asker's mistake. */
export class PictureRequestError extends Error {
  override name = 'PictureRequestError';
}

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

const nodeXml: XmlTools = {
  parse: (xml) => new DOMParser().parseFromString(xml, 'image/svg+xml') as unknown as Document,
  serialize: (document) => String(document),
};

/** Width of one ladder when no screen decides it: the page's on a 1280-pixel screen, about. */
export const DEFAULT_LADDER_WIDTH = 1120;

export interface SvgOptions {
  locale?: Locale;
  /** Track ids, at most two side by side; the first track when left out. */
  tracks?: readonly string[];
  width?: number;
}

/** The recording's ladder (or two, side by side) as a standalone SVG, event-spaced, every event. */
export async function recordingSvg(recording: Recording, options: SvgOptions = {}): Promise<{ svg: string; fileName: string }> {
  const ids = options.tracks && options.tracks.length > 0 ? options.tracks : recording.tracks.slice(0, 1).map((track) => track.id);
  if (ids.length > 2) throw new PictureRequestError(`at most two tracks fit side by side, not ${ids.length}`);
  const tracks = ids.map((id) => {
    const track = recording.tracks.find((candidate) => candidate.id === id);
    if (!track) throw new PictureRequestError(`the recording has no track "${id}"; its tracks are ${recording.tracks.map((t) => t.id).join(', ') || 'none'}`);
    return track;
  });
  if (tracks.length === 0) throw new PictureRequestError('the recording has no track to draw');
  // An imported capture's sides are its endpoints: each takes the client's or the server's lane, as in the page.
  const layouts = layoutAligned(tracks.map((track) => trackSlot(onLanes(track), recording).events), { timeMode: 'event', zoom: 1 });
  const width = options.width ?? DEFAULT_LADDER_WIDTH;
  const date = new Date(recording.createdAt);
  const css = await readFile(STYLESHEET, 'utf8');
  let svg: string;
  try {
    ({ svg } = ladderPicture(
      tracks.map((track, index) => ({ title: track.title, layout: layouts[index]!, width })),
      {
        title: tracks.length > 1 ? tracks.map((track) => track.title).join(' · ') : tracks[0]!.title,
        date, text: messagesFor(options.locale ?? 'en'), css, render: renderToStaticMarkup, xml: nodeXml,
      },
    ));
  } catch (error) {
    if (error instanceof PictureTooLargeError) throw new PictureRequestError(`${error.message}; choose a shorter track`);
    throw error;
  }
  const scenario = recording.origin.kind === 'session' ? recording.origin.scenario : recording.name;
  return { svg, fileName: `${pictureFileName(scenario, date)}.svg` };
}
