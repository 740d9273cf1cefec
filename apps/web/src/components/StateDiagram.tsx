import { useId, useState } from 'react';
import type { SocketStateAt, TcpSocket } from '../kernel/kernel-view.ts';
import {
  EDGES, NODE_HALF_HEIGHT, NODE_HALF_WIDTH, NODES, edgeFor, frame, nodeFor, offFigureEdge, successors,
  type DiagramEdge, type EdgeLabel, type NodeId,
} from '../kernel/state-diagram.ts';
import type { Messages } from '../messages.ts';
import { useElementSize } from '../use-element-size.ts';

export interface StateDiagramProps {
  sockets: readonly TcpSocket[];
  socket: string | undefined;
  at: SocketStateAt;
  /** The transition happened on the cursor's row: the student has just stepped onto it. */
  justNow: boolean;
  onChoose(socket: string): void;
  text: Messages;
}

const LABEL_CHAR_WIDTH = 10.2;

const pointsOf = (points: DiagramEdge['points']) => points.map(([x, y]) => `${x},${y}`).join(' ');

function Label({ label, event, action }: { label: EdgeLabel; event: string; action: string }) {
  // As in the RFC: the event above a short line, the action below it. Monospace: 0.6 em a character.
  const width = Math.max(event.length, action.length) * LABEL_CHAR_WIDTH;
  const x0 = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return (
    <g className="edge-label">
      <text x={label.x} y={label.y - 7} textAnchor={label.anchor}>{event}</text>
      {!label.onLine && <line x1={x0} x2={x0 + width} y1={label.y} y2={label.y} />}
      <text x={label.x} y={label.y + 19} textAnchor={label.anchor}>{action}</text>
    </g>
  );
}

/**
 * RFC 9293's state diagram with one socket's current state and its last transition marked, as
 * the cursor stands. Every arrow is drawn; only the marked state and transition are named to
 * assistive technology, with the sentence below the figure saying the same in words.
 */
export function StateDiagram({ sockets, socket, at, justNow, onChoose, text }: StateDiagramProps) {
  const d = text.kernel.diagram;
  const ids = useId();
  const selectId = `${ids}-socket`;
  const transition = at.transition;
  const current = nodeFor(at.state, transition?.from);
  const taken = transition && transition.from !== transition.to && !at.byReset ? edgeFor(transition.from, transition.to) : undefined;
  const offFigure = transition && transition.from !== transition.to && !taken ? offFigureEdge(transition.from, transition.to) : undefined;
  const lastClass = `edge last${justNow ? ' just' : ''}`;
  // Off the figure, a transition to CLOSED is a reset; the only other one a real socket takes is note 2's.
  const offFigureText = transition && (transition.to === 'CLOSED' ? d.reset(transition.from) : d.offFigure(transition.from, transition.to));
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const size = useElementSize(box);
  // What the student looks at: where the socket is, where it came from, where it can go next.
  const focus: NodeId[] = socket ? [current, ...(transition ? [nodeFor(transition.from)] : []), ...successors(current)] : [];
  const view = frame(focus, size.width, size.height);
  const rank = (edge: DiagramEdge) => (edge === taken ? 2 : socket !== undefined && edge.from === current ? 1 : 0);
  const sideName = (side: string) => (side === 'client' || side === 'server' ? text.ladder[side] : side);

  let summary: string;
  if (!socket) summary = d.noTcp;
  else if (!transition) summary = `${d.now(socket, at.state)} ${d.none}`;
  else if (taken) summary = `${d.now(socket, at.state)} ${d.last(transition.from, transition.to, taken.event, taken.action)}`;
  else summary = `${d.now(socket, at.state)} ${offFigureText}`;
  if (transition?.source === 'kernel') summary = `${summary} ${d.fromKernel}`;

  return (
    <section className="state-diagram" aria-labelledby={`${ids}-title`}>
      <header className="state-diagram-head">
        <h3 id={`${ids}-title`}>{d.title}</h3>
        {sockets.length > 0 && (
          <span className="field">
            <label htmlFor={selectId}>{d.socket}</label>
            <select id={selectId} value={socket} onChange={(event) => onChoose(event.target.value)}>
              {sockets.map((candidate) => (
                <option key={candidate.socket} value={candidate.socket}>{d.option(candidate.socket, sideName(candidate.side), candidate.listener)}</option>
              ))}
            </select>
          </span>
        )}
      </header>
      <p className="state-diagram-summary">{summary}</p>
      <div className="state-diagram-box" ref={setBox}>
        <svg className="state-diagram-svg" viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`} role="group" aria-label={socket ? d.name(socket) : d.title}>
          <defs>
            {(['edge', 'last'] as const).map((kind) => (
              <marker key={kind} id={`${ids}-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="16" markerHeight="16"
                markerUnits="userSpaceOnUse" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" className={`diagram-head-${kind}`} />
              </marker>
            ))}
          </defs>
          {/* The marked arrows last, so that no other arrow crosses their labels. */}
          {[...EDGES].sort((a, b) => rank(a) - rank(b)).map((edge) => {
            const last = edge === taken;
            const next = socket !== undefined && edge.from === current;
            return (
              <g key={`${edge.from}-${edge.to}`} className={last ? lastClass : next ? 'edge next' : 'edge'}
                {...(last && transition
                  ? { role: 'img', 'aria-label': d.transition(transition.from, transition.to, edge.event, edge.action) }
                  : { 'aria-hidden': true })}>
                <polyline points={pointsOf(edge.points)} markerEnd={`url(#${ids}-${last ? 'last' : 'edge'})`} />
                <Label label={edge.label} event={edge.event} action={edge.action} />
              </g>
            );
          })}
          {offFigure && transition && (
            <g className={`${lastClass} off-figure`} role="img" aria-label={offFigureText}>
              <polyline points={pointsOf(offFigure)} markerEnd={`url(#${ids}-last)`} />
            </g>
          )}
          {NODES.map((node) => {
            const isCurrent = socket !== undefined && node.id === current;
            return (
              <g key={node.id} className={`node${isCurrent ? ` current state-${node.state}` : ''}`} role="img"
                aria-label={isCurrent ? d.current(node.state) : node.state}>
                <rect x={node.x - NODE_HALF_WIDTH} y={node.y - NODE_HALF_HEIGHT} width={NODE_HALF_WIDTH * 2} height={NODE_HALF_HEIGHT * 2} rx={10} />
                <text x={node.x} y={node.y + 8} textAnchor="middle">{node.state}</text>
              </g>
            );
          })}
        </svg>
      </div>
      <p className="state-diagram-legend">{d.legend}</p>
    </section>
  );
}
