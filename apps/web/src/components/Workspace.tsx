import { headPlaces, laneEndpoint, laneGeometry, laneName, LadderSvg, type HeadSizes } from '@sockscope/ladder';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { newestVerdictRow } from '../hold.ts';
import { useMessages } from '../messages.ts';
import { useKeyboardShortcuts } from '../use-keyboard-shortcuts.ts';
import type { SessionCommands } from '../ws-client.ts';
import { useElementSize } from '../use-element-size.ts';
import { useLadders, type ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { socketOf } from '../kernel/kernel-view.ts';
import { ExportButtons } from '../export/ExportButtons.tsx';
import { RecordedStatus } from '../recordings/RecordedStatus.tsx';
import { useRevealCursor } from '../question/use-reveal-cursor.ts';
import { CursorBar } from './CursorBar.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { KernelPanel } from './KernelPanel.tsx';
import { StatusLine } from './StatusLine.tsx';
import { ClassSync } from '../class/ClassSync.tsx';
import { stopFollowing } from '../class/class-store.ts';
import { sessionTitle } from '../scenario-words.ts';

const OVERSCAN_PX = 600;
/** The lane headers' type (styles.css, .lane-label: 0.85rem, capitals spaced 0.06em; a closed port's 0.75rem), rounded up. */
const HEAD_SIZES: HeadSizes = { name: 14, nameSpacing: 0.06, closedName: 13, endpoint: 14 };
const LADDER_GAP = 24;

/** The shown sessions' ladders, side by side in one scroll so they move together, with cursor and detail. */
export function Workspace({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const ladders = useLadders();
  const recorded = ladders.some((ladder) => ladder.recorded);
  useKeyboardShortcuts(commands, ladders);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const { width, height } = useElementSize(scroller);
  const [scrollTop, setScrollTop] = useState(0);
  const cursor = useViewStore((state) => state.cursor);
  const focus = useViewStore((state) => state.focus);
  const rowsChanged = useViewStore((state) => state.rowsChanged);
  const counts = useRef<Record<string, number>>({});

  // A ladder that grew moves its cursor: to the first new row after a Step, to the last while running.
  useEffect(() => {
    for (const ladder of ladders) {
      const before = counts.current[ladder.sessionId] ?? 0;
      const count = ladder.layout.rows.length;
      if (count === before) continue;
      counts.current[ladder.sessionId] = count;
      const verdictRow = useViewStore.getState().verdict[ladder.sessionId] === 'requested' ? newestVerdictRow(ladder.layout.rows, ladder.slot.events) : undefined;
      rowsChanged(ladder.sessionId, before, count, ladder.slot.info.status === 'running', verdictRow);
    }
  }, [ladders, rowsChanged]);
  // After the rows moved the cursor: a reveal that stepped brings its rows and then puts the cursor on its event.
  useRevealCursor(ladders);

  const focused = ladders[Math.min(focus, ladders.length - 1)];
  const focusedRow = focused ? focused.layout.rows[cursor[focused.sessionId] ?? -1] : undefined;
  // The view follows the cursor: a row that leaves the view (or nearly) is brought back to its
  // middle, so what led up to it and what follows are both in sight.
  useEffect(() => {
    const element = scroller;
    if (!element || !focusedRow) return;
    const margin = Math.min(120, element.clientHeight / 4);
    const outside = focusedRow.y < element.scrollTop + margin / 2 || focusedRow.center > element.scrollTop + element.clientHeight - margin;
    if (outside) element.scrollTop = focusedRow.center - element.clientHeight / 2;
  }, [focusedRow, scroller]);

  const onScroll = useCallback(() => {
    if (scroller) setScrollTop(scroller.scrollTop);
  }, [scroller]);

  const range = useMemo(() => ({ top: scrollTop - OVERSCAN_PX, bottom: scrollTop + height + OVERSCAN_PX }), [scrollTop, height]);
  if (ladders.length === 0) return null;
  // The ladders share the frame's width: a ladder wider than its share would be cut at the frame's edge.
  const ladderWidth = Math.max(240, (width - LADDER_GAP * (ladders.length - 1)) / ladders.length);
  const contentHeight = Math.max(...ladders.map((ladder) => ladder.layout.height));
  return (
    <section className="workspace" aria-label={ladders.length > 1 ? (recorded ? text.opened.compareTitle : text.compare.title) : (ladders[0] && sessionTitle(text, ladders[0].slot.info))}>
      {ladders.length > 1 && !recorded && <p className="compare-lesson">{text.compare.lesson}</p>}
      <ClassSync ladders={ladders} />
      <CursorBar ladders={ladders} commands={commands} />
      <div className="workspace-body">
        <div className="ladders-frame">
          <ExportButtons ladders={ladders} width={ladderWidth} />
          <div className="ladder-heads" style={{ gap: LADDER_GAP }}>
            {ladders.map((ladder) => <LadderHead key={ladder.sessionId} ladder={ladder} width={ladderWidth} />)}
          </div>
          <div className="ladders-scroll" ref={setScroller} onScroll={onScroll} onWheel={stopFollowing} onTouchMove={stopFollowing}>
            <div className="ladders" style={{ gap: LADDER_GAP, height: contentHeight }}>
              {ladders.map((ladder) => (
                <LadderColumn key={ladder.sessionId} ladder={ladder} width={ladderWidth} range={range} cursorRow={cursor[ladder.sessionId] ?? -1} />
              ))}
            </div>
          </div>
        </div>
        {/* An imported capture has no kernel readings: its table would only say that none were taken. */}
        <KernelPanel ladders={ladders.filter((ladder) => ladder.recorded?.recording.origin.kind !== 'capture')} />
        <DetailPanel ladders={ladders} />
      </div>
    </section>
  );
}

function LadderHead({ ladder, width }: { ladder: ShownLadder; width: number }) {
  const text = useMessages();
  const geometry = laneGeometry(width, ladder.layout.lanes);
  const { lanes } = ladder.layout;
  // Placed as the exported picture places them: centred over their lifelines, never over each other.
  const heads = lanes.map((lane) => {
    const endpoint = laneEndpoint(lane, lanes);
    return { side: lane.side, closed: lane.closed, x: geometry.lifeline[lane.side] ?? 0, name: laneName(lane, text.ladder), ...(endpoint && { endpoint }) };
  });
  return (
    <div className="ladder-head" style={{ width }}>
      <h2>{sessionTitle(text, ladder.slot.info)}</h2>
      {ladder.recorded ? <RecordedStatus recorded={ladder.recorded} /> : <StatusLine session={ladder.slot.info} />}
      <div className={`lane-labels${geometry.compact ? ' compact' : ''}`} style={{ height: 52 }}>
        {headPlaces(heads, width, HEAD_SIZES).map(({ lane, x }, index) => (
          <div key={lane.side} className={`lane-label lane-${index === 0 ? 'left' : index === heads.length - 1 ? 'right' : 'inner'}${lane.closed ? ' lane-closed' : ''}`} style={{ left: x }}>
            <strong>{lane.name}</strong>
            <span>{lane.endpoint ?? '…'}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function LadderColumn({ ladder, width, range, cursorRow }: { ladder: ShownLadder; width: number; range: { top: number; bottom: number }; cursorRow: number }) {
  const text = useMessages();
  // Stable between renders, so the memoised ladder redraws only when what it shows changes.
  const geometry = useMemo(() => laneGeometry(width, ladder.layout.lanes), [width, ladder.layout.lanes]);
  const { moveCursor, select, setFocus, chooseDiagramSocket } = useViewStore.getState();
  const onSelect = useCallback((row: number, eventId: number) => {
    stopFollowing();
    setFocus(ladder.place);
    moveCursor(ladder.sessionId, row, ladder.layout.rows.length);
    select({ sessionId: ladder.sessionId, eventId });
    // The state diagram follows the socket of what was clicked.
    const socket = socketOf(ladder.slot.events.find((event) => event.id === eventId), ladder.slot.events);
    if (socket) chooseDiagramSocket(ladder.sessionId, socket);
  }, [ladder.place, ladder.sessionId, ladder.layout.rows.length, ladder.slot.events, moveCursor, select, setFocus, chooseDiagramSocket]);
  return (
    <div className="ladder" style={{ width }} data-session={ladder.sessionId} data-scenario={ladder.slot.info.scenario}>
      <LadderSvg layout={ladder.layout} geometry={geometry} range={range} cursorRow={cursorRow} words={text.ladder} onSelect={onSelect} />
    </div>
  );
}
