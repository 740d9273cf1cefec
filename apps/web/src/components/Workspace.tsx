import { headPlaces, laneEndpoint, laneGeometry, laneName, latestStepStart, type GeometryOptions, type HeadSizes } from '@sockscope/ladder';
import { useEffect, useMemo, useRef, useState } from 'react';
import { newestVerdictRow } from '../hold.ts';
import { useMessages } from '../messages.ts';
import { useKeyboardShortcuts } from '../use-keyboard-shortcuts.ts';
import type { SessionCommands } from '../ws-client.ts';
import { useElementSize } from '../use-element-size.ts';
import { usePresenterType } from '../presenter-type.ts';
import { useLadders, type ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { ExportButtons } from '../export/ExportButtons.tsx';
import { RecordedStatus } from '../recordings/RecordedStatus.tsx';
import { useRevealCursor } from '../question/use-reveal-cursor.ts';
import { CursorBar } from './CursorBar.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { KernelPanel } from './KernelPanel.tsx';
import { LADDER_GAP, LadderScroll } from './LadderScroll.tsx';
import { StatusLine } from './StatusLine.tsx';
import { ClassSync } from '../class/ClassSync.tsx';
import { CodePanel } from '../code/CodePanel.tsx';
import { sessionDescription, sessionTitle } from '../scenario-words.ts';
import { selectScenarios, useSessionStore } from '../session-store.ts';

export { LADDER_ID } from './LadderScroll.tsx';
/** The lane headers' type (styles.css, .lane-label: 0.85rem, capitals spaced 0.06em; a closed port's 0.75rem), rounded up. */
const HEAD_SIZES: HeadSizes = { name: 14, nameSpacing: 0.06, closedName: 13, endpoint: 14 };

/** The shown sessions' ladders, side by side in one scroll so they move together, with cursor and detail. */
export function Workspace({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const ladders = useLadders();
  const recorded = ladders.some((ladder) => ladder.recorded);
  useKeyboardShortcuts(commands, ladders);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const { width, height } = useElementSize(scroller);
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
  const geometryOptions = useGeometryOptions();

  if (ladders.length === 0) return null;
  // The ladders share the frame's width: a ladder wider than its share would be cut at the frame's edge.
  const ladderWidth = Math.max(240, (width - LADDER_GAP * (ladders.length - 1)) / ladders.length);
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
          <LadderScroll ladders={ladders} ladderWidth={ladderWidth} viewHeight={height} scroller={scroller} setScroller={setScroller}
            geometryOptions={geometryOptions} focusedRow={focusedRow} freshEnd={freshEnd} />
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

const PAGE_GEOMETRY: GeometryOptions = {};

/**
 * Presenter view writes bigger labels and leaves out the time column (each time is in the
 * detail): the ladder's columns are made for that. Stable between renders of one size.
 */
function useGeometryOptions(): GeometryOptions {
  const labelPx = usePresenterType()?.labelPx;
  return useMemo(() => (labelPx === undefined ? PAGE_GEOMETRY : { labelSize: labelPx, times: false }), [labelPx]);
}
