import type { TcpState } from '@sockscope/protocol';

/**
 * RFC 9293's TCP connection state diagram (its figure 5, RFC 793's figure 6), laid out as the
 * RFC draws it: opening at the top, ESTABLISHED in the middle, the active close down the left,
 * the passive close down the right. CLOSED appears twice, as in the RFC: where a connection
 * starts and where it ends. Coordinates are in the SVG's own units (VIEW_WIDTH × VIEW_HEIGHT).
 *
 * Event and action labels stay in the RFC's notation ("rcv SYN", "snd SYN,ACK", "x" for no
 * action) in every language, like state names and TCP flags.
 */

export const VIEW_WIDTH = 1120;
export const VIEW_HEIGHT = 750;
export const NODE_HALF_WIDTH = 95;
export const NODE_HALF_HEIGHT = 28;

export type NodeId = TcpState | 'CLOSED-END';

export interface DiagramNode {
  id: NodeId;
  state: TcpState;
  x: number;
  y: number;
}

/** Columns: passive side and active close on the left, the middle, active open and passive close on the right. */
const L = 170;
const C = 500;
const R = 830;
/** Rows, top to bottom. */
const Y = { closed: 50, listen: 160, syn: 273, established: 383, fin1: 493, fin2: 603, timeWait: 713 } as const;
const mid = (a: number, b: number) => (a + b) / 2;

/** The boxes row by row, each with its column, as the RFC draws them (so a row reads left to right). */
const ROWS: readonly (readonly [y: number, boxes: readonly (readonly [NodeId, number])[]])[] = [
  [Y.closed, [['CLOSED', C]]],
  [Y.listen, [['LISTEN', C]]],
  [Y.syn, [['SYN-RECEIVED', L], ['SYN-SENT', R]]],
  [Y.established, [['ESTABLISHED', C]]],
  [Y.fin1, [['FIN-WAIT-1', L], ['CLOSE-WAIT', R]]],
  [Y.fin2, [['FIN-WAIT-2', L], ['CLOSING', C], ['LAST-ACK', R]]],
  [Y.timeWait, [['TIME-WAIT', C], ['CLOSED-END', R]]],
];

export const NODES: readonly DiagramNode[] = ROWS.flatMap(([y, boxes]) =>
  boxes.map(([id, x]) => ({ id, state: id === 'CLOSED-END' ? 'CLOSED' : id, x, y })),
);

export interface EdgeLabel {
  /** Where the line between event and action is. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** The label sits on a horizontal stretch of its edge, which serves as its dividing line. */
  onLine?: boolean;
}

export interface DiagramEdge {
  from: NodeId;
  to: NodeId;
  /** The polyline, from the source box's edge to the target box's edge (the arrowhead's tip). */
  points: readonly (readonly [number, number])[];
  /** What causes the transition. */
  event: string;
  /** What TCP does on it; `x` for nothing. */
  action: string;
  label: EdgeLabel;
}

const top = (y: number) => y - NODE_HALF_HEIGHT;
const bottom = (y: number) => y + NODE_HALF_HEIGHT;
const left = (x: number) => x - NODE_HALF_WIDTH;
const right = (x: number) => x + NODE_HALF_WIDTH;

export const EDGES: readonly DiagramEdge[] = [
  { from: 'CLOSED', to: 'LISTEN', points: [[C - 25, bottom(Y.closed)], [C - 25, top(Y.listen)]],
    event: 'passive OPEN', action: 'create TCB', label: { x: C - 35, y: mid(Y.closed, Y.listen), anchor: 'end' } },
  { from: 'LISTEN', to: 'CLOSED', points: [[C + 25, top(Y.listen)], [C + 25, bottom(Y.closed)]],
    event: 'CLOSE', action: 'delete TCB', label: { x: C + 35, y: mid(Y.closed, Y.listen), anchor: 'start' } },
  { from: 'CLOSED', to: 'SYN-SENT', points: [[right(C), Y.closed - 15], [R + 75, Y.closed - 15], [R + 75, top(Y.syn)]],
    event: 'active OPEN', action: 'create TCB, snd SYN', label: { x: R + 85, y: mid(Y.listen, Y.syn), anchor: 'start' } },
  { from: 'SYN-SENT', to: 'CLOSED', points: [[R + 50, top(Y.syn)], [R + 50, Y.closed + 18], [right(C), Y.closed + 18]],
    event: 'CLOSE', action: 'delete TCB', label: { x: 740, y: Y.closed + 18, anchor: 'middle', onLine: true } },
  { from: 'LISTEN', to: 'SYN-RECEIVED', points: [[C - 80, bottom(Y.listen)], [L + 30, top(Y.syn)]],
    event: 'rcv SYN', action: 'snd SYN,ACK', label: { x: 295, y: Y.listen + 36, anchor: 'end' } },
  { from: 'SYN-RECEIVED', to: 'LISTEN', points: [[L - 40, top(Y.syn)], [L - 40, Y.listen], [left(C), Y.listen]],
    event: 'rcv RST', action: 'x', label: { x: 200, y: Y.listen, anchor: 'middle', onLine: true } },
  { from: 'LISTEN', to: 'SYN-SENT', points: [[C + 80, bottom(Y.listen)], [R - 40, top(Y.syn)]],
    event: 'SEND', action: 'snd SYN', label: { x: 705, y: Y.listen + 36, anchor: 'start' } },
  { from: 'SYN-SENT', to: 'SYN-RECEIVED', points: [[left(R), Y.syn], [right(L), Y.syn]],
    event: 'rcv SYN', action: 'snd SYN,ACK', label: { x: C, y: Y.syn, anchor: 'middle', onLine: true } },
  { from: 'SYN-RECEIVED', to: 'ESTABLISHED', points: [[L + 70, bottom(Y.syn)], [C - 80, top(Y.established)]],
    event: 'rcv ACK of SYN', action: 'x', label: { x: 300, y: Y.syn + 70, anchor: 'end' } },
  { from: 'SYN-SENT', to: 'ESTABLISHED', points: [[R - 70, bottom(Y.syn)], [C + 80, top(Y.established)]],
    event: 'rcv SYN,ACK', action: 'snd ACK', label: { x: 700, y: Y.syn + 70, anchor: 'start' } },
  { from: 'SYN-RECEIVED', to: 'FIN-WAIT-1', points: [[L - 50, bottom(Y.syn)], [L - 50, top(Y.fin1)]],
    event: 'CLOSE', action: 'snd FIN', label: { x: L - 60, y: Y.established, anchor: 'end' } },
  { from: 'ESTABLISHED', to: 'FIN-WAIT-1', points: [[C - 80, bottom(Y.established)], [L + 70, top(Y.fin1)]],
    event: 'CLOSE', action: 'snd FIN', label: { x: 285, y: Y.established + 44, anchor: 'end' } },
  { from: 'ESTABLISHED', to: 'CLOSE-WAIT', points: [[C + 80, bottom(Y.established)], [R - 70, top(Y.fin1)]],
    event: 'rcv FIN', action: 'snd ACK', label: { x: 715, y: Y.established + 44, anchor: 'start' } },
  { from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', points: [[L, bottom(Y.fin1)], [L, top(Y.fin2)]],
    event: 'rcv ACK of FIN', action: 'x', label: { x: L - 10, y: mid(Y.fin1, Y.fin2), anchor: 'end' } },
  { from: 'FIN-WAIT-1', to: 'CLOSING', points: [[L + 90, bottom(Y.fin1)], [C - 80, top(Y.fin2)]],
    event: 'rcv FIN', action: 'snd ACK', label: { x: 385, y: Y.fin1 + 45, anchor: 'start' } },
  { from: 'CLOSE-WAIT', to: 'LAST-ACK', points: [[R, bottom(Y.fin1)], [R, top(Y.fin2)]],
    event: 'CLOSE', action: 'snd FIN', label: { x: R + 10, y: mid(Y.fin1, Y.fin2), anchor: 'start' } },
  { from: 'FIN-WAIT-2', to: 'TIME-WAIT', points: [[L, bottom(Y.fin2)], [L, Y.timeWait], [left(C), Y.timeWait]],
    event: 'rcv FIN', action: 'snd ACK', label: { x: 290, y: Y.timeWait, anchor: 'middle', onLine: true } },
  { from: 'CLOSING', to: 'TIME-WAIT', points: [[C, bottom(Y.fin2)], [C, top(Y.timeWait)]],
    event: 'rcv ACK of FIN', action: 'x', label: { x: C + 10, y: mid(Y.fin2, Y.timeWait), anchor: 'start' } },
  { from: 'LAST-ACK', to: 'CLOSED-END', points: [[R, bottom(Y.fin2)], [R, top(Y.timeWait)]],
    event: 'rcv ACK of FIN', action: 'x', label: { x: R + 10, y: mid(Y.fin2, Y.timeWait), anchor: 'start' } },
  { from: 'TIME-WAIT', to: 'CLOSED-END', points: [[right(C), Y.timeWait], [left(R), Y.timeWait]],
    event: 'Timeout=2MSL', action: 'delete TCB', label: { x: mid(C, R), y: Y.timeWait, anchor: 'middle', onLine: true } },
];

/** States below ESTABLISHED: a connection that leaves them for CLOSED ends at the bottom CLOSED. */
const CLOSING_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);

/** The box that stands for `state`, reached from `from`: CLOSED is drawn where the connection starts and where it ends. */
export function nodeFor(state: TcpState, from?: TcpState): NodeId {
  return state === 'CLOSED' && from !== undefined && CLOSING_STATES.has(from) ? 'CLOSED-END' : state;
}

export function nodeById(id: NodeId): DiagramNode {
  return NODES.find((node) => node.id === id)!;
}

/** The figure's arrow for a transition, or undefined for one it leaves out (RST from any state, RFC 9293's notes 2 and 3). */
export function edgeFor(from: TcpState, to: TcpState): DiagramEdge | undefined {
  const source = nodeFor(from);
  const target = nodeFor(to, from);
  return EDGES.find((edge) => edge.from === source && edge.to === target);
}

/**
 * A straight arrow for a transition the figure leaves out, from the edge of one box to the edge
 * of the other, so that it can still be shown when a real socket takes it.
 */
export function offFigureEdge(from: TcpState, to: TcpState): readonly (readonly [number, number])[] {
  const a = nodeById(nodeFor(from));
  const b = nodeById(nodeFor(to, from));
  const exit = (node: DiagramNode, toward: DiagramNode): [number, number] => {
    const dx = toward.x - node.x;
    const dy = toward.y - node.y;
    // Scale the direction until it meets the box's side or its top or bottom, whichever comes first.
    const scale = Math.min(dx === 0 ? Infinity : NODE_HALF_WIDTH / Math.abs(dx), dy === 0 ? Infinity : NODE_HALF_HEIGHT / Math.abs(dy));
    return [node.x + dx * scale, node.y + dy * scale];
  };
  return [exit(a, b), exit(b, a)];
}

/** The boxes a transition out of `node` leads to. */
export function successors(node: NodeId): NodeId[] {
  return EDGES.filter((edge) => edge.from === node).map((edge) => edge.to);
}

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WHOLE_FIGURE: ViewBox = { x: 0, y: 0, width: VIEW_WIDTH, height: VIEW_HEIGHT };

/**
 * Pixels per figure unit down to which the whole figure is shown: its labels, 17 units high, are
 * then still 8 px. Below it the figure is framed around the socket's state at FOCUS_SCALE.
 */
const MIN_SCALE = 0.45;
/** The scale of a framed figure: labels of 10 px, legible from the back of a room. */
export const FOCUS_SCALE = 0.6;
/** Room kept around the boxes in focus for the labels beside their arrows. */
const FOCUS_MARGIN = 130;

/**
 * The part of the figure to show in a box of `width` × `height` pixels: all of it where it fits
 * at a legible scale; where it does not (a narrow screen), the boxes in `focus` (the current
 * state, where it came from, where it can go) and what is around them, as large as fits.
 */
export function frame(focus: readonly NodeId[], width: number, height: number): ViewBox {
  const fitWhole = Math.min(width / VIEW_WIDTH, height / VIEW_HEIGHT);
  if (width <= 0 || height <= 0 || focus.length === 0 || fitWhole >= MIN_SCALE) return WHOLE_FIGURE;
  const nodes = focus.map(nodeById);
  const x0 = Math.max(0, Math.min(...nodes.map((node) => left(node.x))) - FOCUS_MARGIN);
  const x1 = Math.min(VIEW_WIDTH, Math.max(...nodes.map((node) => right(node.x))) + FOCUS_MARGIN);
  const y0 = Math.max(0, Math.min(...nodes.map((node) => top(node.y))) - FOCUS_MARGIN / 2);
  const y1 = Math.min(VIEW_HEIGHT, Math.max(...nodes.map((node) => bottom(node.y))) + FOCUS_MARGIN / 2);
  // As large as legible, but never so large that a box in focus is cut, nor smaller than the whole figure.
  const scale = Math.max(fitWhole, Math.min(FOCUS_SCALE, width / (x1 - x0), height / (y1 - y0)));
  const shown = { width: width / scale, height: height / scale };
  const place = (low: number, high: number, size: number, limit: number) =>
    size >= limit ? (limit - size) / 2 : Math.min(limit - size, Math.max(0, (low + high) / 2 - size / 2));
  return { x: place(x0, x1, shown.width, VIEW_WIDTH), y: place(y0, y1, shown.height, VIEW_HEIGHT), ...shown };
}
