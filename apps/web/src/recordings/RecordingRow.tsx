import type { RecordingSummary } from '@sockscope/protocol';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMessages, type Messages } from '../messages.ts';
import { exportUrl, type ApiFailure } from './api.ts';
import { nameProblem, useListStore } from './list-store.ts';
import { selectIsStudent, stopFollowing, useClassStore } from '../class/class-store.ts';
import { openRecording } from './open-recording.ts';
import { useSessionStore } from '../session-store.ts';

type Mode = { kind: 'view' } | { kind: 'renaming'; draft: string } | { kind: 'deleting' };

const failureDetail = (text: Messages, error: unknown) =>
  (error as ApiFailure).code === 'network' ? text.recordings.unreachable : (error as Error).message;

/** One recording: its facts, and Open, Beside, Rename (inline), Delete (confirmed) and its downloads. */
export function RecordingRow({ recording, showingRecording, shown }: { recording: RecordingSummary; showingRecording: boolean; shown: boolean }) {
  const text = useMessages();
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { name, id } = recording;
  const act = async (work: () => Promise<void>, wording: (detail: string) => string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      setMode({ kind: 'view' });
    } catch (error) {
      setFailure(wording(failureDetail(text, error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className={shown ? 'shown' : undefined} aria-current={shown || undefined}>
      <th scope="row" className="recording-name">
        {mode.kind === 'renaming'
          ? (
            <RenameForm
              name={name} draft={mode.draft} busy={busy} failure={failure}
              onDraft={(draft) => setMode({ kind: 'renaming', draft })}
              onCancel={() => { setMode({ kind: 'view' }); setFailure(null); }}
              onSave={(draft) => void act(() => useListStore.getState().rename(id, draft), text.recordings.renameFailed)}
            />
          )
          : name}
      </th>
      <td className="recording-date">{text.recordings.date(recording.createdAt)}</td>
      <td className="recording-what" title={recording.title}>{recording.scenario ?? text.recordings.imported}</td>
      <td className="recording-contents">
        {text.recordings.contents(recording.eventCount, recording.trackCount)}
        {' '}
        <span className={`badge badge-${recording.capture.mode === 'pcap' ? 'captured' : 'inferred'}`}>
          {recording.capture.mode === 'pcap' ? text.recordings.captured : text.recordings.inferred}
        </span>
      </td>
      <td className="recording-actions">
        {mode.kind === 'deleting'
          ? (
            <DeleteConfirm
              name={name} busy={busy} failure={failure}
              onKeep={() => { setMode({ kind: 'view' }); setFailure(null); }}
              onDelete={() => void act(() => useListStore.getState().remove(id), text.recordings.deleteFailed)}
            />
          )
          : <Actions recording={recording} beside={showingRecording && !shown} renaming={mode.kind === 'renaming'} onRename={() => setMode({ kind: 'renaming', draft: name })} onDelete={() => setMode({ kind: 'deleting' })} />}
      </td>
    </tr>
  );
}

function Actions({ recording, beside, renaming, onRename, onDelete }: {
  recording: RecordingSummary; beside: boolean; renaming: boolean; onRename(): void; onDelete(): void;
}) {
  const text = useMessages();
  const reasonId = useId();
  const { name, id } = recording;
  // Recordings are the teacher's to rename or delete: not a student's, nor a browser on another machine (the server refuses it).
  const student = useClassStore(selectIsStudent);
  const elsewhere = !useSessionStore((state) => state.thisMachine);
  const open = (compare: boolean) => {
    stopFollowing();
    openRecording(id, name, compare);
  };
  return (
    <>
      <div className="recording-buttons">
        <button type="button" className="primary" aria-label={text.recordings.openNamed(name)} onClick={() => open(false)}>
          {text.recordings.open}
        </button>
        {beside && (
          <button type="button" aria-label={text.recordings.compareNamed(name)} onClick={() => open(true)}>
            {text.recordings.compare}
          </button>
        )}
        {!renaming && !student && !elsewhere && <button type="button" aria-label={text.recordings.renameNamed(name)} onClick={onRename}>{text.recordings.rename}</button>}
        {!student && !elsewhere && <button type="button" className="danger" aria-label={text.recordings.deleteNamed(name)} onClick={onDelete}>{text.recordings.delete}</button>}
        <a className="download" href={exportUrl(id, 'jsonl')} download aria-label={text.recordings.jsonlNamed(name)}>{text.recordings.jsonl}</a>
        <a className="download" href={exportUrl(id, 'html')} download aria-label={text.recordings.htmlNamed(name)}>{text.recordings.html}</a>
        {recording.hasCapture
          ? <a className="download" href={exportUrl(id, 'pcap')} download aria-label={text.recordings.pcapNamed(name)}>{text.recordings.pcap}</a>
          : <button type="button" className="download" disabled aria-label={text.recordings.pcapNamed(name)} aria-describedby={reasonId}>{text.recordings.pcap}</button>}
      </div>
      {!recording.hasCapture && <small id={reasonId} className="no-pcap" title={recording.noCapture}>{text.recordings.noPcap(recording.noCapture ?? '')}</small>}
    </>
  );
}

function RenameForm({ name, draft, busy, failure, onDraft, onCancel, onSave }: {
  name: string; draft: string; busy: boolean; failure: string | null; onDraft(draft: string): void; onCancel(): void; onSave(draft: string): void;
}) {
  const text = useMessages();
  const problemId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const problem = nameProblem(draft);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem && !busy) onSave(draft);
  };
  const message = problem ? text.recordings.nameProblem(problem) : failure;
  return (
    <form className="rename-form" onSubmit={submit}>
      <input
        ref={input} type="text" value={draft} aria-label={text.recordings.newName(name)}
        aria-invalid={problem !== null} aria-describedby={message ? problemId : undefined}
        onChange={(event) => onDraft(event.target.value)}
        onKeyDown={(event) => { if (event.key === 'Escape') onCancel(); }}
      />
      <button type="submit" disabled={problem !== null || busy}>{text.recordings.saveName}</button>
      <button type="button" onClick={onCancel}>{text.recordings.cancelRename}</button>
      {message && <span id={problemId} role="alert" className="field-problem">{message}</span>}
    </form>
  );
}

function DeleteConfirm({ name, busy, failure, onKeep, onDelete }: {
  name: string; busy: boolean; failure: string | null; onKeep(): void; onDelete(): void;
}) {
  const text = useMessages();
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer has the focus: Enter right after Delete keeps the recording.
  useEffect(() => keep.current?.focus(), []);
  return (
    <div role="group" aria-label={text.recordings.deleteNamed(name)} className="delete-confirm">
      <p>{text.recordings.confirmDelete(name)}</p>
      <button type="button" className="danger" disabled={busy} onClick={onDelete}>{text.recordings.confirmYes}</button>
      <button type="button" ref={keep} onClick={onKeep}>{text.recordings.keep}</button>
      {failure && <p role="alert" className="field-problem">{failure}</p>}
    </div>
  );
}
