import { useEffect } from 'react';
import { selectCanPause, selectCanRun, selectCanStep, useSessionStore } from './session-store.ts';
import type { SessionCommands } from './ws-client.ts';

/** Fields where keys are typing or choosing, not commands. */
const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Controls that Space already activates; taking Space from them would break keyboard use. */
const SPACE_ACTIVATED = 'button, a[href], summary';

/** ArrowRight steps; Space runs, or pauses a run, so a presenter can drive the session from the keyboard. */
export function useKeyboardShortcuts(commands: SessionCommands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TEXT_ENTRY)) return;
      // Read at the moment of the key press, so the listener never needs renewing.
      const state = useSessionStore.getState();
      if (event.key === 'ArrowRight' && selectCanStep(state)) {
        event.preventDefault();
        commands.step();
      } else if (event.key === ' ' && !target?.closest(SPACE_ACTIVATED)) {
        event.preventDefault();
        if (selectCanPause(state)) commands.pause();
        else if (selectCanRun(state)) commands.run();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
}
