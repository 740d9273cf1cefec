import { TCP_STATES, type TcpState } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import {
  EDGES, FOCUS_SCALE, NODE_HALF_HEIGHT, NODE_HALF_WIDTH, NODES, VIEW_HEIGHT, VIEW_WIDTH, WHOLE_FIGURE, edgeFor, frame, nodeById,
  nodeFor, offFigureEdge, successors, type DiagramNode, type NodeId,
} from './state-diagram.ts';

/** RFC 9293's figure 5, transition by transition: from, to, event, action. */
const RFC_9293_FIGURE_5: [TcpState, TcpState, string, string][] = [
  ['CLOSED', 'LISTEN', 'passive OPEN', 'create TCB'],
  ['CLOSED', 'SYN-SENT', 'active OPEN', 'create TCB, snd SYN'],
  ['LISTEN', 'CLOSED', 'CLOSE', 'delete TCB'],
  ['LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK'],
  ['LISTEN', 'SYN-SENT', 'SEND', 'snd SYN'],
  ['SYN-RECEIVED', 'LISTEN', 'rcv RST', 'x'],
  ['SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', 'x'],
  ['SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN'],
  ['SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB'],
  ['SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK'],
  ['SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK'],
  ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN'],
  ['ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK'],
  ['FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', 'x'],
  ['FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK'],
  ['FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK'],
  ['CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', 'x'],
  ['CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN'],
  ['LAST-ACK', 'CLOSED', 'rcv ACK of FIN', 'x'],
  ['TIME-WAIT', 'CLOSED', 'Timeout=2MSL', 'delete TCB'],
];

/** True when the point lies on the box's outline (within a unit). */
function onOutline(node: DiagramNode, [x, y]: readonly [number, number]): boolean {
  const dx = Math.abs(x - node.x);
  const dy = Math.abs(y - node.y);
  const onSide = Math.abs(dx - NODE_HALF_WIDTH) <= 1 && dy <= NODE_HALF_HEIGHT + 1;
  const onTopOrBottom = Math.abs(dy - NODE_HALF_HEIGHT) <= 1 && dx <= NODE_HALF_WIDTH + 1;
  return onSide || onTopOrBottom;
}

const boxesOverlap = (a: DiagramNode, b: DiagramNode) =>
  Math.abs(a.x - b.x) < NODE_HALF_WIDTH * 2 && Math.abs(a.y - b.y) < NODE_HALF_HEIGHT * 2;

describe("RFC 9293's state diagram", () => {
  it('has every state, CLOSED twice (where a connection starts and where it ends), and no overlapping boxes', () => {
    expect(new Set(NODES.map((node) => node.state))).toEqual(new Set(TCP_STATES));
    expect(NODES.filter((node) => node.state === 'CLOSED')).toHaveLength(2);
    for (const [index, a] of NODES.entries()) for (const b of NODES.slice(index + 1)) expect(boxesOverlap(a, b), `${a.id} ${b.id}`).toBe(false);
    for (const node of NODES) {
      expect(node.x - NODE_HALF_WIDTH).toBeGreaterThanOrEqual(0);
      expect(node.x + NODE_HALF_WIDTH).toBeLessThanOrEqual(VIEW_WIDTH);
      expect(node.y - NODE_HALF_HEIGHT).toBeGreaterThanOrEqual(0);
      expect(node.y + NODE_HALF_HEIGHT).toBeLessThanOrEqual(VIEW_HEIGHT);
    }
  });

  it("draws exactly the RFC's transitions, labelled as the RFC labels them", () => {
    expect(EDGES).toHaveLength(RFC_9293_FIGURE_5.length);
    for (const [from, to, event, action] of RFC_9293_FIGURE_5) {
      expect(edgeFor(from, to), `${from} → ${to}`).toMatchObject({ event, action });
    }
  });

  it('runs every arrow from the outline of its source box to the outline of its target box, inside the figure', () => {
    for (const edge of EDGES) {
      const name = `${edge.from} → ${edge.to}`;
      expect(onOutline(nodeById(edge.from), edge.points[0]!), name).toBe(true);
      expect(onOutline(nodeById(edge.to), edge.points.at(-1)!), name).toBe(true);
      for (const [x, y] of edge.points) {
        expect(x, name).toBeGreaterThanOrEqual(0);
        expect(x, name).toBeLessThanOrEqual(VIEW_WIDTH);
        expect(y, name).toBeGreaterThanOrEqual(0);
        expect(y, name).toBeLessThanOrEqual(VIEW_HEIGHT);
      }
    }
  });

  it('ends a connection in the bottom CLOSED and starts one in the top one', () => {
    expect(nodeFor('CLOSED')).toBe('CLOSED');
    expect(nodeFor('CLOSED', 'LISTEN')).toBe('CLOSED');
    expect(nodeFor('CLOSED', 'SYN-SENT')).toBe('CLOSED');
    expect(nodeFor('CLOSED', 'TIME-WAIT')).toBe('CLOSED-END');
    expect(nodeFor('CLOSED', 'LAST-ACK')).toBe('CLOSED-END');
    // A reset ends an open connection too.
    expect(nodeFor('CLOSED', 'ESTABLISHED')).toBe('CLOSED-END');
    expect(nodeFor('TIME-WAIT', 'FIN-WAIT-2')).toBe('TIME-WAIT');
  });

  it('leaves out what the RFC leaves out, and can still draw it straight between the two boxes', () => {
    // A reset (note 3), and FIN-WAIT-1 straight to TIME-WAIT when the FIN and the ACK of ours come together (note 2).
    expect(edgeFor('ESTABLISHED', 'CLOSED')).toBeUndefined();
    expect(edgeFor('FIN-WAIT-1', 'TIME-WAIT')).toBeUndefined();
    const [start, end] = offFigureEdge('FIN-WAIT-1', 'TIME-WAIT');
    expect(onOutline(nodeById('FIN-WAIT-1'), start!)).toBe(true);
    expect(onOutline(nodeById('TIME-WAIT'), end!)).toBe(true);
    const [resetStart, resetEnd] = offFigureEdge('ESTABLISHED', 'CLOSED');
    expect(onOutline(nodeById('ESTABLISHED'), resetStart!)).toBe(true);
    expect(onOutline(nodeById('CLOSED-END'), resetEnd!)).toBe(true);
  });

  it('knows where each state can go next', () => {
    expect(successors('ESTABLISHED').sort()).toEqual(['CLOSE-WAIT', 'FIN-WAIT-1']);
    expect(successors('TIME-WAIT')).toEqual(['CLOSED-END']);
    expect(successors('CLOSED-END')).toEqual([]);
  });
});

describe('framing the diagram', () => {
  const focus: NodeId[] = ['ESTABLISHED', 'SYN-SENT', 'FIN-WAIT-1', 'CLOSE-WAIT'];
  const contains = (view: typeof WHOLE_FIGURE, id: NodeId) => {
    const node = nodeById(id);
    return node.x - NODE_HALF_WIDTH >= view.x && node.x + NODE_HALF_WIDTH <= view.x + view.width
      && node.y - NODE_HALF_HEIGHT >= view.y && node.y + NODE_HALF_HEIGHT <= view.y + view.height;
  };

  it('shows the whole figure where it is legible whole, and before the box is measured', () => {
    expect(frame(focus, VIEW_WIDTH * 0.6, VIEW_HEIGHT * 0.6)).toEqual(WHOLE_FIGURE);
    expect(frame(focus, 0, 0)).toEqual(WHOLE_FIGURE);
    expect(frame([], 300, 200)).toEqual(WHOLE_FIGURE);
  });

  it('frames the states in focus at a legible scale in a small box, within the figure', () => {
    const view = frame(focus, 440, 300);
    expect(view.width).toBeLessThan(VIEW_WIDTH);
    expect(440 / view.width).toBeCloseTo(300 / view.height, 5);
    expect(440 / view.width).toBeLessThanOrEqual(FOCUS_SCALE + 1e-9);
    for (const id of focus) expect(contains(view, id), id).toBe(true);
    expect(view.x).toBeGreaterThanOrEqual(0);
    expect(view.y).toBeGreaterThanOrEqual(0);
    expect(view.x + view.width).toBeLessThanOrEqual(VIEW_WIDTH + 1e-9);
    expect(view.y + view.height).toBeLessThanOrEqual(VIEW_HEIGHT + 1e-9);
  });

  it('keeps a corner state in view at the edge of the figure', () => {
    const view = frame(['CLOSED-END', 'LAST-ACK', 'TIME-WAIT'], 400, 260);
    for (const id of ['CLOSED-END', 'LAST-ACK', 'TIME-WAIT'] as const) expect(contains(view, id), id).toBe(true);
    expect(view.y + view.height).toBeCloseTo(VIEW_HEIGHT, 5);
  });
});
