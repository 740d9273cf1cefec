import { headPlaces, laneEndpoint, laneGeometry, laneName, LadderSvg, latestStepStart, type GeometryOptions, type HeadSizes } from '@sockscope/ladder';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { newestVerdictRow } from '../hold.ts';
import { useMessages } from '../messages.ts';
import { useKeyboardShortcuts } from '../use-keyboard-shortcuts.ts';
import type { SessionCommands } from '../ws-client.ts';
import { useElementSize } from '../use-element-size.ts';
import { usePresenterType } from '../presenter-type.ts';
import { useLadderFocus } from '../use-ladder-focus.ts';
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
import { CodePanel } from '../code/CodePanel.tsx';
import { stopFollowing } from '../class/class-store.ts';
import { sessionDescription, sessionTitle } from '../scenario-words.ts';
import { selectScenarios, useSessionStore } from '../session-store.ts';

/** Where the skip link lands: the ladders' scroll, just before their first item. */
export const LADDER_ID = 'ladder';
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
  // With the cursor among what the last step added, the view holds the cursor and the rest of the step.
  const freshEnd = focused && !focused.recorded && focusedRow && focusedRow.index >= latestStepStart(focused.layout)
    ? focused.layout.rows.at(-1)?.center : undefined;
  useEffect(() => {
    const element = scroller;
    if (!element || !focusedRow) return;
    const top = element.scrollTop;
    const height = element.clientHeight;
    const margin = Math.min(120, height / 4);
    const want = { top: focusedRow.y - margin / 2, bottom: Math.max(focusedRow.center, freshEnd ?? 0) + margin };
    if (want.top >= top && want.bottom <= top + height) return;
    // What fits is centred, so what led up to it is in sight too; a step taller than the view starts at the cursor.
    element.scrollTop = want.bottom - want.top <= height ? (want.top + want.bottom - height) / 2 : want.top;
  }, [focusedRow, freshEnd, scroller]);

  const onReveal = useCallback((y: number) => {
    if (scroller) scroller.scrollTop = y - scroller.clientHeight / 2;
  }, [scroller]);
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
        {/* Code left of the ladder, as Python Tutor shows code beside what it makes; the detail floats over the ladder's right. */}
        <CodePanel ladders={ladders} />
        <section className="ladders-frame" aria-label={text.screen.ladder}>
          <ExportButtons ladders={ladders} width={ladderWidth} />
          <div className="ladder-heads" style={{ gap: LADDER_GAP }}>
            {ladders.map((ladder) => <LadderHead key={ladder.sessionId} ladder={ladder} width={ladderWidth} />)}
          </div>
          <div className="ladders-scroll" id={LADDER_ID} tabIndex={-1} ref={setScroller} onScroll={onScroll} onWheel={stopFollowing} onTouchMove={stopFollowing}>
            <div className="ladders" style={{ gap: LADDER_GAP, height: contentHeight }}>
              {ladders.map((ladder) => (
                <LadderColumn key={ladder.sessionId} ladder={ladder} width={ladderWidth} range={range} cursorRow={cursor[ladder.sessionId] ?? -1} onReveal={onReveal} />
              ))}
            </div>
          </div>
        </section>
        {/* An imported capture has no kernel readings: its table would only say that none were taken. */}
        <KernelPanel ladders={ladders.filter((ladder) => ladder.recorded?.recording.origin.kind !== 'capture')} />
        <DetailPanel ladders={ladders} />
      </div>
    </section>
  );
}

function LadderHead({ ladder, width }: { ladder: ShownLadder; width: number }) {
  const text = useMessages();
  const geometry = laneGeometry(width, ladder.layout.lanes, useGeometryOptions());
  const { lanes } = ladder.layout;
  // Placed as the exported picture places them: centred over their lifelines, never over each other.
  const heads = lanes.map((lane) => {
    const endpoint = laneEndpoint(lane, lanes);
    return { side: lane.side, closed: lane.closed, x: geometry.lifeline[lane.side] ?? 0, name: laneName(lane, text.ladder), ...(endpoint && { endpoint }) };
  });
  const teaches = sessionDescription(text, ladder.slot.info, useSessionStore(selectScenarios));
  return (
    <div className="ladder-head" style={{ width }}>
      <h2>{sessionTitle(text, ladder.slot.info)}</h2>
      {ladder.recorded ? <RecordedStatus recorded={ladder.recorded} /> : <StatusLine session={ladder.slot.info} />}
      {/* What to look for, above the ladder: the whole text is in the picker, two lines here. */}
      {teaches && <p className="ladder-teaches" title={teaches}>{teaches}</p>}
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

function LadderColumn({ ladder, width, range, cursorRow, onReveal }: {
  ladder: ShownLadder; width: number; range: { top: number; bottom: number }; cursorRow: number; onReveal: (y: number) => void;
}) {
  const text = useMessages();
  // Stable between renders, so the memoised ladder redraws only when what it shows changes.
  const options = useGeometryOptions();
  const geometry = useMemo(() => laneGeometry(width, ladder.layout.lanes, options), [width, ladder.layout.lanes, options]);
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
  const focus = useLadderFocus(ladder.layout, cursorRow, onReveal);
  return (
    <div className="ladder" style={{ width }} data-session={ladder.sessionId} data-scenario={ladder.slot.info.scenario}
      ref={focus.ref} onKeyDown={focus.onKeyDown} onFocus={focus.onFocus}>
      <LadderSvg layout={ladder.layout} geometry={geometry} range={range} cursorRow={cursorRow} words={text.ladder} onSelect={onSelect}
        freshFrom={ladder.recorded ? undefined : latestStepStart(ladder.layout)} tabStop={focus.tabStop} />
    </div>
  );
}

const PAGE_GEOMETRY: GeometryOptions = {};

/**
 * Presenter view writes bigger labels and leaves out the time column (each time is in the
 * detail): the ladder's columns are made for that. Stable between renders of one size.
 */
function useGeometryOptions(): GeometryOptions {
  const labelPx = usePresenterType()?.labelPx;
  return useMemo(() => (labelPx === undefined ? PAGE_GEOMETRY : { labelSize: labelPx, times: false }), [labelPx]);
}
