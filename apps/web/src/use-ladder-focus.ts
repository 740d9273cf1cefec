import { focusOrder, movedStop, rovingStop, type LadderLayout } from '@sockscope/ladder';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * The ladder as one Tab stop whose items ↑ ↓ Home End walk in reading order (focus-order.ts);
 * Enter on an item opens its detail (LadderSvg's buttons do that). `reveal` scrolls a height into
 * view, for an item reached outside the band the ladder draws.
 */
export function useLadderFocus(layout: LadderLayout, cursorRow: number, reveal: (y: number) => void) {
  const order = useMemo(() => focusOrder(layout), [layout]);
  const [chosen, setChosen] = useState<string | null>(null);
  const tabStop = rovingStop(order, chosen, cursorRow);
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
    const next = movedStop(order, tabStop, event.key);
    if (next === undefined) return;
    event.preventDefault();
    setChosen(next);
    if (focusStop(next)) return;
    pending.current = next;
    const row = layout.rows[order.find((stop) => stop.key === next)?.row ?? -1];
    if (row) reveal(row.center);
  };
  const onFocus = (event: FocusEvent) => {
    const key = event.target.getAttribute('data-focus-key');
    if (key) setChosen(key);
  };
  return { ref: box, tabStop, onKeyDown, onFocus };
}
