import { focusOrder, movedStop, rovingStop, type FocusStop, type LadderLayout } from '@sockscope/ladder';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * The ladder as one Tab stop whose items ↑ ↓ Home End walk in reading order (focus-order.ts);
 * Enter on an item opens its detail (LadderSvg's buttons do that). `reveal` scrolls a height into
 * view, for an item reached outside the band the ladder draws.
 */
export function useLadderFocus(layout: LadderLayout, cursorRow: number, reveal: (y: number) => void) {
  // The whole order is sorted only when a key walks it: a growing ladder does not sort it on every update.
  const order = useMemo(() => {
    let sorted: FocusStop[] | undefined;
    return () => (sorted ??= focusOrder(layout));
  }, [layout]);
  const [chosen, setChosen] = useState<FocusStop | null>(null);
  const tabStop = useMemo(() => rovingStop(layout, chosen, cursorRow), [layout, chosen, cursorRow]);
  const box = useRef<HTMLDivElement>(null);
  // An item not drawn yet (far from the view) gets the focus once scrolling has drawn it.
  const pending = useRef<string | null>(null);
  const focusStop = useCallback((key: string) => {
    const element = box.current?.querySelector<SVGElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (!element) return false;
    pending.current = null;
    element.focus();
    return true;
  }, []);
  useEffect(() => {
    if (pending.current) focusStop(pending.current);
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = movedStop(order(), tabStop, event.key);
    const stop = order().find((candidate) => candidate.key === next);
    if (next === undefined || !stop) return;
    event.preventDefault();
    setChosen(stop);
    if (focusStop(next)) return;
    pending.current = next;
    const row = layout.rows[stop.row];
    if (row) reveal(row.center);
  };
  const onFocus = (event: FocusEvent) => {
    const key = event.target.getAttribute('data-focus-key');
    const stop = key ? order().find((candidate) => candidate.key === key) : undefined;
    if (stop) setChosen(stop);
  };
  return { ref: box, tabStop, onKeyDown, onFocus };
}
