import type { ReactElement } from 'react';
import { laneEndpoint } from './closed-ports.ts';
import { laneGeometry } from './geometry.ts';
import { LadderSvg } from './LadderSvg.tsx';
import { ladderRules } from './ladder-stylesheet.ts';
import type { LadderLayout } from './layout.ts';
import { pictureSize, standaloneSvg, type PictureInput } from './standalone-svg.ts';
import { laneName, type LadderWords } from './words.ts';
import type { XmlDocument, XmlTools } from './xml-dom.ts';

export interface PictureLadder {
  title: string;
  layout: LadderLayout;
  width: number;
  /** The arrow and call labels' size, as the page draws them (a presenter's bigger type); 14 unless said. */
  labelSize?: number;
}

export interface PictureOptions<D extends XmlDocument = XmlDocument> {
  /** The scenario, or what two compared ladders show together. */
  title: string;
  /** When it was recorded, or exported. */
  date: Date;
  words: LadderWords;
  /** The ladder's stylesheet (ladder.css), whose rules the picture writes onto its elements. */
  css: string;
  /** React's markup for one element: the browser renders into a detached node, Node to a string. */
  render(element: ReactElement): string;
  xml: XmlTools<D>;
}

const nothing = () => {};

/**
 * Every event of each ladder, drawn by the page's own LadderSvg without cursor or dimming, then
 * made standalone. One path for the page's Export button, the server's API and the CLI.
 */
export function pictureInput(ladders: readonly PictureLadder[], options: Omit<PictureOptions, 'css' | 'xml'>): PictureInput {
  const { words } = options;
  return {
    title: options.title,
    subtitle: words.pictureSubtitle(options.date),
    ladders: ladders.map((ladder) => {
      const geometry = laneGeometry(ladder.width, ladder.layout.lanes, ladder.labelSize === undefined ? {} : { labelSize: ladder.labelSize });
      const markup = options.render(
        <LadderSvg layout={ladder.layout} geometry={geometry} range={{ top: 0, bottom: ladder.layout.height }} cursorRow={-1} words={words} onSelect={nothing} />,
      );
      return {
        ...(ladders.length > 1 && { heading: ladder.title }),
        width: ladder.width,
        height: ladder.layout.height,
        lanes: ladder.layout.lanes.map((lane) => {
          const endpoint = laneEndpoint(lane, ladder.layout.lanes);
          return { x: geometry.lifeline[lane.side] ?? 0, name: laneName(lane, words), ...(endpoint && { endpoint }), ...(lane.closed && { closed: true }) };
        }),
        markup,
      };
    }),
  };
}

/** Rows one picture holds at most: 5,000 rows are 200,000 pixels tall, far past any slide. */
export const MAX_PICTURE_ROWS = 5000;

/** A ladder too long to be one picture (a large capture's connection): said with its size and the limit. */
export class PictureTooLargeError extends Error {
  constructor(readonly rows: number) {
    super(`the ladder has ${rows} rows, more than the ${MAX_PICTURE_ROWS} one picture holds`);
    this.name = 'PictureTooLargeError';
  }
}

export function ladderPicture<D extends XmlDocument>(ladders: readonly PictureLadder[], options: PictureOptions<D>): { svg: string; width: number; height: number } {
  const rows = Math.max(0, ...ladders.map((ladder) => ladder.layout.rows.length));
  if (rows > MAX_PICTURE_ROWS) throw new PictureTooLargeError(rows);
  const input = pictureInput(ladders, options);
  return { svg: standaloneSvg(input, ladderRules(options.css), options.xml), ...pictureSize(input) };
}

/** `sockscope-tcp-echo-2026-11-25-1403`: what the files are called, the same from the page and the CLI. */
export function pictureFileName(scenario: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
  const safe = scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'ladder';
  return `sockscope-${safe}-${stamp}`;
}
