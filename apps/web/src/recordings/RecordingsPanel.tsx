import { useEffect, useId, useState } from 'react';
import { useMessages } from '../messages.ts';
import { useSessionStore } from '../session-store.ts';
import { ImportButton } from './ImportButton.tsx';
import { ImportStatus } from './ImportStatus.tsx';
import { useListStore } from './list-store.ts';
import { OpeningStatus } from './OpeningStatus.tsx';
import { RecordingsTable } from './RecordingsTable.tsx';
import { selectShowingRecording, useOpenedRecordings } from './opened-store.ts';

/** The recordings a session gets when it is saved: joined, so a new one changes the string. */
const selectSavedIds = (state: ReturnType<typeof useSessionStore.getState>) =>
  Object.values(state.sessions).map((slot) => slot.info.recordingId ?? '').join(' ').trim();

/** The recordings on the server, with what imports a file and what opens, renames, deletes or downloads one. */
export function RecordingsPanel() {
  const text = useMessages();
  const [listShown, setListShown] = useState(true);
  const count = useListStore((state) => state.recordings?.length);
  const headingId = useId();
  const listId = useId();
  // Fetched when the page opens, and again when a session shown here has been saved.
  const savedIds = useSessionStore(selectSavedIds);
  // With a ladder below, the list keeps to a few rows (it scrolls), so the ladder keeps its room.
  const showingRecording = useOpenedRecordings(selectShowingRecording);
  const live = useSessionStore((state) => state.shown.length > 0);
  useEffect(() => {
    void useListStore.getState().refresh();
  }, [savedIds]);
  return (
    <section className={`recordings${showingRecording || live ? ' beside-ladder' : ''}`} aria-labelledby={headingId}>
      <div className="recordings-head">
        <h2 id={headingId}>{text.recordings.label}</h2>
        {count !== undefined && <span className="recordings-count">{text.recordings.count(count)}</span>}
        <button type="button" aria-expanded={listShown} aria-controls={listId} onClick={() => setListShown(!listShown)}>
          {listShown ? text.recordings.hideList : text.recordings.showList}
        </button>
        <ImportButton />
      </div>
      <ImportStatus />
      <OpeningStatus />
      {listShown && <RecordingsTable id={listId} />}
    </section>
  );
}
