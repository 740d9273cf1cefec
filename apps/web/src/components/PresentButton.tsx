import { useMessages } from '../messages.ts';
import { selectPresenting, useScreenStore } from '../screen-store.ts';

/** Presenter view on and off (Escape leaves it too). */
export function PresentButton() {
  const text = useMessages();
  const presenting = useScreenStore(selectPresenting);
  return (
    <button type="button" className="present-toggle" aria-pressed={presenting}
      onClick={() => useScreenStore.getState().present(!presenting)}>
      {text.screen.present}
    </button>
  );
}
