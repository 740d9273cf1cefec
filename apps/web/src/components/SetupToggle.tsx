import { useMessages } from '../messages.ts';
import { selectSetupOpen, useScreenStore } from '../screen-store.ts';

export const SETUP_ID = 'setup';

/** Folds the scenario form and the recordings list away, so the ladder gets the height, and opens them again. */
export function SetupToggle() {
  const text = useMessages();
  const open = useScreenStore(selectSetupOpen);
  return (
    <button type="button" className="setup-toggle" aria-expanded={open} aria-controls={SETUP_ID}
      onClick={() => useScreenStore.getState().openSetup(!open)}>
      <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>{text.screen.setup}
    </button>
  );
}
