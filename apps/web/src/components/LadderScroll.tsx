import { laneGeometry, LadderSvg, latestStepStart, type GeometryOptions, type Row, type YRange } from '@sockscope/ladder';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { stopFollowing } from '../class/class-store.ts';
import { socketOf } from '../kernel/kernel-view.ts';
import { useMessages } from '../messages.ts';
import { useLadderFocus } from '../use-ladder-focus.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { contentTop, scaled, scrollTopFor, virtualScroll } from '../virtual-scroll.ts';

/** Where the skip link lands: the ladders' scroll, just before their first item. */
export const LADDER_ID = 'ladder';
const OVERSCAN_PX = 600;
export const LADDER_GAP = 24;

interface Props {
  ladders: ShownLadder[];
  ladderWidth: number;
  /** The scroll's own size, measured by the Workspace (which sizes the heads from it too). */
  viewHeight: number;
  scroller: HTMLDivElement | null;
  setScroller: (element: HTMLDivElement | null) => void;
  geometryOptions: GeometryOptions;
  /** The row the view keeps in sight, and how far below it the latest step reaches. */
  focusedRow: Row | undefined;
  freshEnd: number | undefined;
}

/**
 * The ladders' scroll, on its own so that scrolling redraws the ladders only. A ladder taller
 * than the browser lays out scrolls a shorter space (virtual-scroll.ts): each ladder then draws
 * the band in view as an svg of the view's height, placed where the view is.
 */
export function LadderScroll({ ladders, ladderWidth, viewHeight, scroller, setScroller, geometryOptions, focusedRow, freshEnd }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const cursor = useViewStore((state) => state.cursor);
  const height = Math.max(...ladders.map((ladder) => ladder.layout.height));
  const scroll = useMemo(() => virtualScroll(height, viewHeight), [height, viewHeight]);
  const top = contentTop(scroll, scrollTop);
  // The effects read the view from here, not from the element: no layout forced after each commit.
  const view = useRef({ top, scroll });
  view.current = { top, scroll };

  useEffect(() => {
    if (!scroller || !focusedRow) return;
    const { top: at, scroll: space } = view.current;
    const margin = Math.min(120, space.view / 4);
    const want = { top: focusedRow.y - margin / 2, bottom: Math.max(focusedRow.center, freshEnd ?? 0) + margin };
    if (want.top >= at && want.bottom <= at + space.view) return;
    // What fits is centred, so what led up to it is in sight too; a step taller than the view starts at the cursor.
    scroller.scrollTop = scrollTopFor(space, want.bottom - want.top <= space.view ? (want.top + want.bottom - space.view) / 2 : want.top);
  }, [focusedRow, freshEnd, scroller]);

  const onReveal = useCallback((y: number) => {
    if (scroller) scroller.scrollTop = scrollTopFor(view.current.scroll, y - view.current.scroll.view / 2);
  }, [scroller]);
  const onScroll = useCallback(() => {
    if (scroller) setScrollTop(scroller.scrollTop);
  }, [scroller]);

  const range = useMemo(() => ({ top: top - OVERSCAN_PX, bottom: top + viewHeight + OVERSCAN_PX }), [top, viewHeight]);
  const slice = useMemo(() => (scaled(scroll) ? { top: Math.max(0, range.top), bottom: Math.min(height, range.bottom) } : undefined), [scroll, range, height]);
  return (
    <div className="ladders-scroll" id={LADDER_ID} tabIndex={-1} ref={setScroller} onScroll={onScroll} onWheel={stopFollowing} onTouchMove={stopFollowing}>
      <div className="ladders" style={{ gap: LADDER_GAP, height: scroll.scroll }}>
        {ladders.map((ladder) => (
          <LadderColumn key={ladder.sessionId} ladder={ladder} width={ladderWidth} range={range} cursorRow={cursor[ladder.sessionId] ?? -1} onReveal={onReveal}
            geometryOptions={geometryOptions} slice={slice} sliceAt={slice ? scrollTop + slice.top - top : 0} />
        ))}
      </div>
    </div>
  );
}

function LadderColumn({ ladder, width, range, cursorRow, onReveal, geometryOptions, slice, sliceAt }: {
  ladder: ShownLadder; width: number; range: YRange; cursorRow: number; onReveal: (y: number) => void;
  geometryOptions: GeometryOptions; slice: YRange | undefined; sliceAt: number;
}) {
  const text = useMessages();
  // Stable between renders, so the memoised ladder redraws only when what it shows changes.
  const geometry = useMemo(() => laneGeometry(width, ladder.layout.lanes, geometryOptions), [width, ladder.layout.lanes, geometryOptions]);
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
  const svg = (
    <LadderSvg layout={ladder.layout} geometry={geometry} range={range} cursorRow={cursorRow} words={text.ladder} onSelect={onSelect}
      freshFrom={ladder.recorded ? undefined : latestStepStart(ladder.layout)} tabStop={focus.tabStop} slice={slice} />
  );
  return (
    <div className={`ladder${slice ? ' sliced' : ''}`} style={{ width }} data-session={ladder.sessionId} data-scenario={ladder.slot.info.scenario}
      ref={focus.ref} onKeyDown={focus.onKeyDown} onFocus={focus.onFocus}>
      {slice ? <div className="ladder-slice" style={{ top: sliceAt }}>{svg}</div> : svg}
    </div>
  );
}
