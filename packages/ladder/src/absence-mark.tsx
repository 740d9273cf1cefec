import type { AbsenceMark } from './absence-marks.ts';
import { stateStyle, type LaneGeometry } from './geometry.ts';
import { shortened, textWidth } from './text-width.ts';
import type { LadderWords } from './words.ts';

/** Room left and right of the words inside a mark's outline. */
const INSET = 8;

/**
 * A derived mark between the first two lifelines: a dashed outline with what the TCP ladder
 * beside has here and this one has not. Not an event: no arrow, no cursor stop, never dimmed.
 */
export function AbsenceMarkSvg({ mark, geometry, words }: { mark: AbsenceMark; geometry: LaneGeometry; words: LadderWords }) {
  const [first = 0, second = first] = geometry.order.slice(0, 2).map((side) => geometry.lifeline[side] ?? 0);
  const size = geometry.fonts.note;
  const style = { ...stateStyle(geometry.fonts), size, letterSpacing: 0 };
  // Clear of the lifelines and the call blocks on them.
  const text = shortened(words.absent(mark.kind), Math.max(0, second - first - 24 - 2 * INSET), style);
  const width = textWidth(text, style) + 2 * INSET;
  const middle = (first + second) / 2;
  return (
    <g className="absence-mark" role="img" aria-label={words.absentName(mark.kind)}>
      <rect className="absence-box" x={middle - width / 2} y={mark.y} width={width} height={mark.height} rx={mark.height / 2} />
      <text className="absence-label" x={middle} y={mark.y + mark.height / 2 + 0.36 * size} textAnchor="middle" fontSize={size}>{text}</text>
    </g>
  );
}
