import { useMessages } from '../messages.ts';
import { cancelOpening } from './open-recording.ts';
import { useReplayStore } from './replay-store.ts';

/** A saved recording being fetched and decoded to be drawn, or why it could not be. */
export function OpeningStatus() {
  const text = useMessages();
  const opening = useReplayStore((state) => state.opening);
  const failed = useReplayStore((state) => state.openFailed);
  const replay = useReplayStore.getState();
  if (opening) {
    return (
      <div className="import-status import-progress">
        <p role="status">{text.opened.opening(opening.name, opening.bytes)}</p>
        {/* No total: the server streams the recording without announcing its length. */}
        <progress aria-label={text.opened.opening(opening.name, opening.bytes)} />
        <button type="button" onClick={cancelOpening}>{text.opened.cancel}</button>
      </div>
    );
  }
  if (!failed) return null;
  return (
    <div className="import-status import-refused" role="alert">
      <p>{text.opened.openFailed(failed.name, failed.failure.detail)}</p>
      <button type="button" onClick={() => replay.setOpenFailed(null)}>{text.importing.dismiss}</button>
    </div>
  );
}
