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

export function laneGeometry(width: number, lanes: readonly { side: string; sockets: readonly string[] }[]): LaneGeometry {
  const compact = width < 820;
  // Arrows and calls never share a row, so arrow labels may run over the call columns: the
  // space between the lifelines can be narrower than the longest label. A compact ladder (two
  // side by side on a small screen) leaves out the time column: the detail still has each time.
  const gutter = compact ? 0 : 84;
  const middle = Math.min(560, Math.max(180, width * 0.4));
  const side = (width - gutter - middle) / 2;
  const stateColumn = Math.min(150, Math.round(side * 0.45));
  const left = lanes[0];
  const right = lanes.length > 1 ? lanes.at(-1) : undefined;
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
  // Lanes between (closed ports) share the space between the two lifelines evenly.
  const inner = lanes.slice(1, -1);
  if (left && right) {
    const from = gutter + side;
    const step = (width - side - from) / (inner.length + 1);
    inner.forEach((lane, index) => { lifeline[lane.side] = from + (index + 1) * step; });
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
