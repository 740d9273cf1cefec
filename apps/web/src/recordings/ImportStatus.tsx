import { useMessages, type Messages } from '../messages.ts';
import { importKey, useImportStore, type ImportJob } from './import-store.ts';
import type { LoadFailure } from './load-messages.ts';
import { openRecording } from './open-recording.ts';
import { firstTrack, loadedById, useOpenedRecordings } from './opened-store.ts';

type Job<P extends ImportJob['phase']> = ImportJob & { phase: P };

export function failureText(text: Messages, file: string, failure: LoadFailure): string {
  switch (failure.kind) {
    case 'format': return text.importing.refusedLine(file, failure.line, failure.field, failure.detail);
    case 'capture': return text.importing.refused(file, failure.detail);
    case 'read': return text.importing.unreadable(file, failure.detail);
  }
}

/** The import under way (with its progress and Cancel), or how the last one went. */
export function ImportStatus() {
  const text = useMessages();
  const job = useImportStore((state) => state.job);
  if (!job) return null;
  const { dismiss } = useImportStore.getState();
  switch (job.phase) {
    case 'reading':
    case 'receiving':
      return <ImportProgress job={job} />;
    case 'refused':
      return (
        <div className="import-status import-refused" role="alert">
          <p>{failureText(text, job.file, job.failure)}</p>
          <button type="button" onClick={dismiss}>{text.importing.dismiss}</button>
        </div>
      );
    case 'cancelled':
      return (
        <div className="import-status" role="status">
          <p>{text.importing.cancelled(job.file)}</p>
          <button type="button" onClick={dismiss}>{text.importing.dismiss}</button>
        </div>
      );
    case 'done':
      return <ImportResult job={job} />;
  }
}

function ImportProgress({ job }: { job: Job<'reading' | 'receiving'> }) {
  const text = useMessages();
  const reading = job.phase === 'reading';
  return (
    <div className="import-status import-progress">
      <p role="status">
        <strong>{reading ? text.importing.reading(job.file) : text.importing.receiving(job.file)}</strong>
        {' '}
        <span className="import-figures">
          {reading ? text.importing.read(job.bytes, job.size, job.packets) : text.importing.received(job.received, job.total)}
        </span>
      </p>
      <progress
        aria-label={text.importing.progress(job.file)}
        max={Math.max(1, reading ? job.size : job.total)}
        value={reading ? job.bytes : job.received}
      />
      <button type="button" onClick={() => useImportStore.getState().cancel()}>{text.importing.cancel}</button>
    </div>
  );
}

function ImportResult({ job }: { job: Job<'done'> }) {
  const text = useMessages();
  const { save } = job;
  const shown = useOpenedRecordings((state) => state.shown.some((ref) => ref.key === importKey(job) || ref.key === (save.status === 'saved' ? save.id : '')));
  const showAgain = () => {
    const opened = useOpenedRecordings.getState();
    const held = opened.loaded[importKey(job)] ?? (save.status === 'saved' ? loadedById(opened, save.id) : undefined);
    const ref = held && firstTrack(held);
    if (ref) opened.chooseTrack(0, ref);
    else if (save.status === 'saved') openRecording(save.id, job.file);
  };
  return (
    <div className="import-status import-done">
      <div className="import-summary">
        <p>
          {job.kind === 'capture' ? text.importing.capture(job.file, job.packets, job.tracks) : text.importing.recording(job.file, job.tracks)}
          {' '}
          {save.status === 'saving' && <span role="status">{text.importing.saving}</span>}
          {save.status === 'saved' && <span role="status" className="import-saved">{text.importing.saved}</span>}
        </p>
        <span className="import-actions">
          {!shown && job.tracks > 0 && <button type="button" onClick={showAgain}>{text.importing.show}</button>}
          <button type="button" onClick={() => useImportStore.getState().dismiss()}>{text.importing.dismiss}</button>
        </span>
      </div>
      {save.status === 'failed' && (
        <p role="alert" className="import-save-failed">
          {text.importing.saveFailed(save.code === 'network' ? text.recordings.unreachable : save.message)}
          {' '}
          <button type="button" onClick={() => useImportStore.getState().retrySave()}>{text.importing.retrySave}</button>
        </p>
      )}
      {job.problemCount > 0 && <BrokenPackets job={job} />}
    </div>
  );
}

function BrokenPackets({ job }: { job: Job<'done'> }) {
  const text = useMessages();
  return (
    <div className="broken-packets">
      <p role="alert">
        {text.importing.broken(job.problemCount, job.tracks > 0)}
        {job.problems.length < job.problemCount && ` ${text.importing.brokenFirst(job.problems.length, job.problemCount)}`}
      </p>
      <div className="broken-scroll">
        <table>
          <caption className="visually-hidden">{text.importing.brokenCaption}</caption>
          <thead>
            <tr><th scope="col">{text.importing.packet}</th><th scope="col">{text.importing.offset}</th><th scope="col">{text.importing.reason}</th></tr>
          </thead>
          <tbody>
            {job.problems.map((problem) => (
              <tr key={`${problem.packet}-${problem.offset ?? ''}`}>
                <td className="num">{problem.packet}</td>
                <td className="num">{problem.offset ?? '—'}</td>
                <td>{problem.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
