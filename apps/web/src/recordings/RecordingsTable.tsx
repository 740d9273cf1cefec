import { ColumnHeads } from '../components/ColumnHeads.tsx';
import { useMessages } from '../messages.ts';
import { useListStore } from './list-store.ts';
import { RecordingRow } from './RecordingRow.tsx';
import { selectShowingRecording, useOpenedRecordings } from './opened-store.ts';

/** The saved recordings, newest first: what each is, and what can be done with it. */
export function RecordingsTable({ id }: { id: string }) {
  const text = useMessages();
  const recordings = useListStore((state) => state.recordings);
  const error = useListStore((state) => state.error);
  const loading = useListStore((state) => state.loading);
  // Opening one beside another is offered once a recording is shown.
  const showingRecording = useOpenedRecordings(selectShowingRecording);
  const shownIds = useOpenedRecordings((state) => state.shown.map((ref) => state.loaded[ref.key]?.id ?? '').join(' '));
  const columns = text.recordings.columns;
  return (
    <div id={id} className="recordings-list">
      {error && (
        <p role="alert" className="recordings-error">
          {text.recordings.listFailed(error.code === 'network' ? text.recordings.unreachable : error.message)}
          {' '}
          <button type="button" disabled={loading} onClick={() => void useListStore.getState().refresh()}>{text.recordings.retry}</button>
        </p>
      )}
      {recordings === null && !error && <p className="recordings-note">{text.recordings.loading}</p>}
      {recordings?.length === 0 && <p className="recordings-note">{text.recordings.empty}</p>}
      {recordings && recordings.length > 0 && (
        <div className="recordings-scroll">
          <table className="recordings-table">
            <caption className="visually-hidden">{text.recordings.label}</caption>
            <ColumnHeads columns={[columns.name, columns.date, columns.what, columns.contents, columns.actions].map((name) => ({ name }))} />
            <tbody>
              {recordings.map((recording) => (
                <RecordingRow key={recording.id} recording={recording} showingRecording={showingRecording} shown={shownIds.split(' ').includes(recording.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
