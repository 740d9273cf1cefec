import { useId, useMemo } from 'react';
import { cursorSpan, diagramSocket, kernelTableAt, socketStateAt, tcpSockets } from '../kernel/kernel-view.ts';
import { useMessages } from '../messages.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { SocketTable } from './SocketTable.tsx';
import { StateDiagram } from './StateDiagram.tsx';
import { sessionTitle } from '../scenario-words.ts';

/**
 * What the kernel itself says at the cursor: its socket table and one socket's place in the TCP
 * state diagram. When two sessions are compared it shows the focused one, with a switch between them.
 */
export function KernelPanel({ ladders }: { ladders: ShownLadder[] }) {
  const text = useMessages();
  const shown = useViewStore((state) => state.kernelView);
  const focus = useViewStore((state) => state.focus);
  const ladder = ladders[Math.min(focus, ladders.length - 1)];
  const panelId = useId();
  if (!ladder) return null;
  const toggle = (
    <button type="button" className="kernel-toggle" aria-expanded={shown} aria-controls={panelId}
      onClick={() => useViewStore.getState().setKernelView(!shown)}>
      <span aria-hidden="true">{shown ? '▸ ' : '◂ '}</span>{text.kernel.toggle}
    </button>
  );
  // Folded, the panel leaves a narrow strip with the button that opens it again.
  if (!shown) return <div className="kernel-strip">{toggle}</div>;
  return (
    <aside className="kernel-panel" id={panelId} aria-label={text.kernel.label}>
      <div className="kernel-panel-head">{toggle}</div>
      {ladders.length > 1 && (
        <div role="group" aria-label={text.kernel.sessions} className="kernel-sessions">
          {ladders.map((candidate) => (
            <button key={candidate.sessionId} type="button" aria-pressed={candidate === ladder}
              onClick={() => useViewStore.getState().setFocus(candidate.place)}>
              {sessionTitle(text, candidate.slot.info)}
            </button>
          ))}
        </div>
      )}
      <KernelView ladder={ladder} />
    </aside>
  );
}

function KernelView({ ladder }: { ladder: ShownLadder }) {
  const text = useMessages();
  const cursorRow = useViewStore((state) => state.cursor[ladder.sessionId] ?? -1);
  const chosen = useViewStore((state) => state.diagramSocket[ladder.sessionId]);
  const events = ladder.slot.events;
  const span = useMemo(() => cursorSpan(events, ladder.layout.rows, cursorRow), [events, ladder.layout.rows, cursorRow]);
  const position = span?.end ?? -1;
  const table = useMemo(() => kernelTableAt(events, position), [events, position]);
  const sockets = useMemo(() => tcpSockets(events), [events]);
  const socket = diagramSocket(sockets, chosen);
  const at = useMemo(() => (socket ? socketStateAt(events, position, socket) : { state: 'CLOSED' as const }), [events, position, socket]);
  const udpOnly = ladder.slot.info.proto === 'udp' && sockets.length === 0;
  return (
    <>
      <SocketTable table={table} proto={ladder.slot.info.proto} text={text} />
      {udpOnly
        ? <p className="state-diagram-udp">{text.kernel.diagram.udp}</p>
        : (
          <StateDiagram sockets={sockets} socket={socket} at={at} justNow={span !== null && at.at !== undefined && at.at >= span.start}
            onChoose={(choice) => useViewStore.getState().chooseDiagramSocket(ladder.sessionId, choice)} text={text} />
        )}
    </>
  );
}
