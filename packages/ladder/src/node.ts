import { readFile } from 'node:fs/promises';
import { byDrawingOrder, type Recording } from '@sockscope/protocol';
import { DOMParser } from 'linkedom';
import { renderToStaticMarkup } from 'react-dom/server';
import { ladderPicture, pictureFileName, PictureTooLargeError } from './ladder-picture.tsx';
import { layoutCompared } from './compare-layout.ts';
import { onLanes } from './track-lanes.ts';
import { ladderWordsFor, type Locale } from './words.ts';
import type { XmlDocument, XmlTools } from './xml-dom.ts';

/**
 * The ladder of a stored recording as a standalone SVG, in Node: drawn by the same LadderSvg
 * the page shows, through react-dom/server, styled from the same ladder.css, read back with
 * linkedom. The server's API and the CLI import this entry (`@sockscope/ladder/node`). Nothing
 * it reaches needs the DOM library (the XML document is xml-dom.ts's), so apps/server, which
 * typechecks these files as it follows its imports, does so without "DOM".
 */

const STYLESHEET = new URL('./ladder.css', import.meta.url);

export { isLocale, LOCALES, type Locale } from './words.ts';

/** What was asked of a picture cannot be drawn (a track the recording lacks, too many): the asker's mistake. */
export class PictureRequestError extends Error {
  override name = 'PictureRequestError';
}

const nodeXml: XmlTools = {
  parse: (xml) => new DOMParser().parseFromString(xml, 'image/svg+xml') as unknown as XmlDocument,
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
  // An imported capture's sides are its endpoints: each takes the client's or the server's lane,
  // and its events are drawn in drawing order, as the page holds a recorded track.
  const layouts = layoutCompared(tracks.map((track) => ({
    events: [...onLanes(track).events].sort(byDrawingOrder), proto: track.proto, ...(track.scenario && { steps: track.scenario.steps }),
  })), { timeMode: 'event', zoom: 1 });
  const width = options.width ?? DEFAULT_LADDER_WIDTH;
  const date = new Date(recording.createdAt);
  const css = await readFile(STYLESHEET, 'utf8');
  let svg: string;
  try {
    ({ svg } = ladderPicture(
      tracks.map((track, index) => ({ title: track.title, layout: layouts[index]!, width })),
      {
        title: tracks.length > 1 ? tracks.map((track) => track.title).join(' · ') : tracks[0]!.title,
        date, words: ladderWordsFor(options.locale ?? 'en'), css, render: renderToStaticMarkup, xml: nodeXml,
      },
    ));
  } catch (error) {
    if (error instanceof PictureTooLargeError) throw new PictureRequestError(`${error.message}; choose a shorter track`);
    throw error;
  }
  const scenario = recording.origin.kind === 'session' ? recording.origin.scenario : recording.name;
  return { svg, fileName: `${pictureFileName(scenario, date)}.svg` };
}
