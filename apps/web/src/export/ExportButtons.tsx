import { ladderPicture, MAX_PICTURE_ROWS, pictureFileName, PictureTooLargeError } from '@sockscope/ladder';
// The ladder's own stylesheet, which the page draws with too: the picture looks as the page does.
import ladderCss from '@sockscope/ladder/ladder.css?raw';
import { useState } from 'react';
import { useMessages } from '../messages.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { browserXml, download, rasterise, renderInBrowser, TooTallError } from './browser-picture.ts';
import { sessionTitle } from '../scenario-words.ts';

/** SVG and PNG of the ladders as shown (their time axis, zoom and width), every event included, for slides. */
export function ExportButtons({ ladders, width }: { ladders: ShownLadder[]; width: number }) {
  const text = useMessages();
  const [problem, setProblem] = useState<string | null>(null);
  const first = ladders[0];
  if (!first) return null;

  const picture = () => {
    const compared = ladders.length > 1;
    // A recording's picture carries the day it was recorded; a live session's, today.
    const recordedAt = first.recorded?.recording.createdAt;
    const date = recordedAt ? new Date(recordedAt) : new Date();
    const { svg, ...size } = ladderPicture(
      ladders.map((ladder) => ({ title: sessionTitle(text, ladder.slot.info), layout: ladder.layout, width })),
      { title: compared ? ladders.map((ladder) => sessionTitle(text, ladder.slot.info)).join(' · ') : sessionTitle(text, first.slot.info), date, words: text.ladder, css: ladderCss, render: renderInBrowser, xml: browserXml },
    );
    const name = pictureFileName(ladders.map((ladder) => ladder.slot.info.scenario).join('-vs-'), date);
    return { svg, size, name };
  };

  const exportAs = async (format: 'svg' | 'png') => {
    setProblem(null);
    try {
      const { svg, size, name } = picture();
      const blob = format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await rasterise(svg, size.width, size.height);
      download(blob, `${name}.${format}`);
    } catch (error) {
      if (error instanceof TooTallError) setProblem(text.exporting.tooTall(error.pixels));
      else if (error instanceof PictureTooLargeError) setProblem(text.exporting.tooMany(error.rows, MAX_PICTURE_ROWS));
      else setProblem(text.exporting.failed(error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <div className="export-buttons">
      <div role="group" aria-label={text.exporting.label}>
        <span className="export-label" aria-hidden="true">{text.exporting.label}</span>
        <button type="button" title={text.exporting.svgHint} onClick={() => void exportAs('svg')}>{text.exporting.svg}</button>
        <button type="button" title={text.exporting.pngHint} onClick={() => void exportAs('png')}>{text.exporting.png}</button>
      </div>
      {problem && <p role="alert" className="export-problem">{problem}</p>}
    </div>
  );
}
