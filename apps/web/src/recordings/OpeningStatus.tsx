import { useMessages } from '../messages.ts';
import { cancelOpening } from './open-recording.ts';
import { useOpenedRecordings } from './opened-store.ts';

/** A saved recording being fetched and decoded to be drawn, or why it could not be. */
export function OpeningStatus() {
  const text = useMessages();
  const opening = useOpenedRecordings((state) => state.opening);
  const failed = useOpenedRecordings((state) => state.openFailed);
  const opened = useOpenedRecordings.getState();
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
      <button type="button" onClick={() => opened.setOpenFailed(null)}>{text.importing.dismiss}</button>
    </div>
  );
}
