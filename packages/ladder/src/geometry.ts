/** Horizontal positions of a ladder's columns for a given width: pure, so it is tested without a browser. */
export interface LaneGeometry {
  width: number;
  gutter: number;
  /** x of each lane's lifeline, by side. */
  lifeline: Record<string, number>;
  /** x of each socket's state track, by socket id. */
  track: Record<string, number>;
  /** Where state names are written, by side: their anchor x and alignment. */
  stateLabel: Record<string, { x: number; anchor: 'start' | 'end' }>;
  /** Where call labels are written, by side. */
  callLabel: Record<string, { x: number; anchor: 'start' | 'end' }>;
  trackWidth: number;
  compact: boolean;
}

const TRACK_WIDTH = 8;
const TRACK_GAP = 4;
/** The labels' font size the columns below are made for (ladder.css). */
const LABEL_PX = 15;

export interface GeometryOptions {
  /** The labels' font size in px where the page writes them bigger (presenter view): state names get room to match. */
  labelPx?: number;
  /** The column of row times at the left (default on); off, its width goes to the labels. */
  times?: boolean;
}

export function laneGeometry(width: number, lanes: readonly { side: string; sockets: readonly string[] }[], options: GeometryOptions = {}): LaneGeometry {
  const compact = width < 820;
  const scale = Math.max(1, (options.labelPx ?? LABEL_PX) / LABEL_PX);
  // Arrows and calls never share a row, so arrow labels may run over the call columns: the
  // space between the lifelines can be narrower than the longest label. A compact ladder (two
  // side by side on a small screen) leaves out the time column: the detail still has each time.
  const gutter = compact || options.times === false ? 0 : 84;
  // Bigger labels need more room outside the lifelines (calls, states) than between them (arrows lean to fit).
  const middle = Math.min(560, Math.max(180, width * (scale > 1 ? 0.36 : 0.4)));
  const side = (width - gutter - middle) / 2;
  const stateColumn = Math.min(Math.round(150 * scale), Math.round(side * (scale > 1 ? 0.5 : 0.45)));
  const [left, right] = lanes;
  const lifeline: Record<string, number> = {};
  const track: Record<string, number> = {};
  const stateLabel: LaneGeometry['stateLabel'] = {};
  const callLabel: LaneGeometry['callLabel'] = {};
  if (left) {
    const tracksStart = gutter + stateColumn;
    left.sockets.forEach((socket, index) => { track[socket] = tracksStart + index * (TRACK_WIDTH + TRACK_GAP); });
    lifeline[left.side] = gutter + side;
    stateLabel[left.side] = { x: tracksStart - 6, anchor: 'end' };
    callLabel[left.side] = { x: gutter + side - 14, anchor: 'end' };
  }
  if (right) {
    const tracksEnd = width - stateColumn;
    right.sockets.forEach((socket, index) => { track[socket] = tracksEnd - (index + 1) * (TRACK_WIDTH + TRACK_GAP) + TRACK_GAP; });
    lifeline[right.side] = width - side;
    stateLabel[right.side] = { x: tracksEnd + 6, anchor: 'start' };
    callLabel[right.side] = { x: width - side + 14, anchor: 'start' };
  }
  return { width, gutter, lifeline, track, stateLabel, callLabel, trackWidth: TRACK_WIDTH, compact };
}
