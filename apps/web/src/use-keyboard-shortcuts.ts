import { useEffect, useRef } from 'react';
import { runOrPause, stepShown } from './actions.ts';
import type { ShownLadder } from './use-ladders.ts';
import { useScreenStore } from './screen-store.ts';
import { useViewStore } from './view-store.ts';
import { stopFollowing } from './class/class-store.ts';
import type { SessionCommands } from './ws-client.ts';

/** Fields where keys are typing or choosing, not commands. */
const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Controls that Space already activates; taking Space from them would break keyboard use. */
const SPACE_ACTIVATED = 'button, a[href], summary, [role="button"]';

/**
 * → moves the cursor to the next event, and at the last one runs the next step; ← moves it back;
 * Space runs, or pauses a run; Escape closes the detail, or else leaves presenter view. A
 * presenter drives the whole lesson from the keyboard.
 */
export function useKeyboardShortcuts(commands: SessionCommands, ladders: ShownLadder[]): void {
  // Read at the moment of the key press, so the listener never needs renewing.
  const latest = useRef({ commands, ladders });
  latest.current = { commands, ladders };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TEXT_ENTRY)) return;
      if (event.key === 'Escape') {
        leaveDetailOrPresenter();
        return;
      }
      const { commands: now, ladders: shown } = latest.current;
      const view = useViewStore.getState();
      const focused = shown[Math.min(view.focus, shown.length - 1)];
      const rows = focused?.layout.rows.length ?? 0;
      const at = focused ? (view.cursor[focused.sessionId] ?? -1) : -1;
      if (event.key === 'ArrowRight' && focused) {
        event.preventDefault();
        stopFollowing();
        if (at < rows - 1) view.moveCursor(focused.sessionId, at + 1, rows);
        else if (!event.repeat) stepShown(now);
      } else if (event.key === 'ArrowLeft' && focused) {
        event.preventDefault();
        stopFollowing();
        view.moveCursor(focused.sessionId, at - 1, rows);
      } else if (event.key === ' ' && !event.repeat && !target?.closest(SPACE_ACTIVATED)) {
        event.preventDefault();
        runOrPause(now);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Escape undoes the last thing opened over the ladder: the detail first, then presenter view. */
function leaveDetailOrPresenter(): void {
  const { selected, select } = useViewStore.getState();
  if (!selected) {
    useScreenStore.getState().present(false);
    return;
  }
  select(null);
  // Focus that was in the closed detail goes back to the item it described, so the keyboard carries on from there.
  if (document.activeElement === document.body || document.activeElement?.closest('.detail')) {
    document.querySelector<SVGElement>(`.ladder[data-session="${CSS.escape(selected.sessionId)}"] [data-event-id="${selected.eventId}"]`)?.focus();
  }
}
