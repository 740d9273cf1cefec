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
  const stateColumn = compact ? 84 : 150;
  const callColumn = compact ? 92 : 176;
  const [left, right] = lanes;
  const tracksWidth = (sockets: readonly string[]) => Math.max(1, sockets.length) * (TRACK_WIDTH + TRACK_GAP);
  const lifeline: Record<string, number> = {};
  const track: Record<string, number> = {};
  const stateLabel: LaneGeometry['stateLabel'] = {};
  const callLabel: LaneGeometry['callLabel'] = {};
  if (left) {
    const tracksStart = gutter + stateColumn;
    left.sockets.forEach((socket, index) => { track[socket] = tracksStart + index * (TRACK_WIDTH + TRACK_GAP); });
    lifeline[left.side] = tracksStart + tracksWidth(left.sockets) + callColumn;
    stateLabel[left.side] = { x: tracksStart - 6, anchor: 'end' };
    callLabel[left.side] = { x: lifeline[left.side]! - 14, anchor: 'end' };
  }
  if (right) {
    const tracksEnd = width - stateColumn;
    right.sockets.forEach((socket, index) => { track[socket] = tracksEnd - (index + 1) * (TRACK_WIDTH + TRACK_GAP) + TRACK_GAP; });
    lifeline[right.side] = tracksEnd - tracksWidth(right.sockets) - callColumn;
    stateLabel[right.side] = { x: tracksEnd + 6, anchor: 'start' };
    callLabel[right.side] = { x: lifeline[right.side]! + 14, anchor: 'start' };
  }
  return { width, gutter, lifeline, track, stateLabel, callLabel, trackWidth: TRACK_WIDTH, compact };
}
