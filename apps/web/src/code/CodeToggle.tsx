import { stopFollowing } from '../class/class-store.ts';
import { useMessages } from '../messages.ts';
import { selectPresenting, useScreenStore } from '../screen-store.ts';
import { CODE_PANEL_ID } from './CodePanel.tsx';
import { selectCodeOpen, useCodeStore } from './code-store.ts';

/**
 * Opens and closes the Code pane; presenter view keeps its own choice (off until opened there).
 * A student who opens or closes it explores on their own, as with the cursor.
 */
export function CodeToggle() {
  const text = useMessages();
  const presenting = useScreenStore(selectPresenting);
  const open = useCodeStore(selectCodeOpen)[presenting ? 'presenting' : 'page'];
  return (
    <button type="button" className="code-toggle" aria-pressed={open} aria-controls={open ? CODE_PANEL_ID : undefined}
      onClick={() => { stopFollowing(); useCodeStore.getState().setOpen(presenting, !open); }}>
      {text.code.toggle}
    </button>
  );
}
