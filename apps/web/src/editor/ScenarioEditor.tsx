import type { ScenarioStep } from '@sockscope/protocol';
import { useId, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useMessages } from '../messages.ts';
import { selectConnection, useSessionStore } from '../session-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import {
  blankDraft, fieldProblems, fromScenario, stepProblems, switchProto, validateDraft, type Problem, type Proto,
} from './draft.ts';
import { selectDraft, selectReplaced, useEditorStore, type DraftText } from './editor-store.ts';
import { TextField } from './fields.tsx';
import { MAX_FILE_BYTES, readScenarioFile, scenarioFile } from './scenario-file.ts';
import { StepEditor } from './StepEditor.tsx';
import { describeProblem, draftStepLabel } from './wording.ts';
import { useRuntimeToOpen } from '../code/ProgramChoice.tsx';

/** The editor's element id: the picker's button that opens it controls it. */
export const EDITOR_ID = 'scenario-editor';

const PROTOS: readonly Proto[] = ['tcp', 'udp'];
const protoName = (proto: Proto) => proto.toUpperCase();

/** Where focus goes after a step moves or goes: the same control of a step, or Add step. */
type FocusTarget = { id: number; control: 'up' | 'down' | 'remove' | 'op' } | 'add';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A teacher's own scenario: written step by step, checked as the server checks it, started, saved and loaded. */
export function ScenarioEditor({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const words = text.editor;
  const draft = useEditorStore(selectDraft);
  const replaced = useEditorStore(selectReplaced);
  const connected = useSessionStore(selectConnection) === 'open';
  const validation = useMemo(() => (draft ? validateDraft(draft) : null), [draft]);
  const [fileError, setFileError] = useState<string | null>(null);
  // A switch of protocol that would remove steps waits here for the teacher's yes.
  const [askingProto, setAskingProto] = useState<Proto | null>(null);
  const headingId = useId();
  const stepsHeadingId = useId();
  const statusId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<FocusTarget | null>(null);

  // Moving or removing a step re-renders the list; focus follows the step, as a keyboard user expects.
  useLayoutEffect(() => {
    const target = focusAfter.current;
    focusAfter.current = null;
    if (target === null) return;
    if (target === 'add') return addRef.current?.focus();
    listRef.current?.querySelector<HTMLElement>(`[data-step-id="${target.id}"] [data-control="${target.control}"]`)?.focus();
  }, [draft?.steps]);

  // The form's Program choice holds for a written scenario too: it runs as Python programs as well.
  const program = useRuntimeToOpen();
  if (!draft || !validation) return null;
  const store = useEditorStore.getState();
  const problems: Problem[] = validation.ok ? [] : validation.problems;
  const problemOf = (field: string) => {
    const found = fieldProblems(problems, field)[0];
    return found && describeProblem(found, words);
  };
  // Problems without a field of their own: the step list as a whole, or the request's size.
  const general = problems.filter((problem) => problem.path.length === 0 || (problem.path[0] === 'steps' && typeof problem.path[1] !== 'number'));
  const { steps } = draft;

  const move = (id: number, by: -1 | 1) => {
    const to = steps.findIndex((entry) => entry.id === id) + by;
    // The same button again, unless the step reached the end where that button is disabled.
    const control = by < 0 ? (to === 0 ? 'down' : 'up') : (to === steps.length - 1 ? 'up' : 'down');
    focusAfter.current = { id, control };
    store.moveStep(id, by);
  };
  const remove = (id: number) => {
    const at = steps.findIndex((entry) => entry.id === id);
    const neighbour = steps[at + 1] ?? steps[at - 1];
    focusAfter.current = neighbour ? { id: neighbour.id, control: 'remove' } : 'add';
    store.removeStep(id);
  };
  const add = () => {
    store.addStep();
    const added = useEditorStore.getState().draft?.steps.at(-1);
    if (added) focusAfter.current = { id: added.id, control: 'op' };
  };
  const change = (id: number, step: ScenarioStep) => store.updateStep(id, step);

  const chooseProto = (proto: Proto) => {
    if (proto === draft.proto) return setAskingProto(null);
    const { removed, adapted } = switchProto(steps, proto);
    if (removed.length === 0 && adapted.length === 0) store.setProto(proto);
    else setAskingProto(proto);
  };
  const asking = askingProto && askingProto !== draft.proto ? switchProto(steps, askingProto) : null;
  const numbered = (ids: { id: number; step: ScenarioStep }[]) =>
    ids.map(({ id, step }) => `${words.step(steps.findIndex((entry) => entry.id === id) + 1)} ${draftStepLabel(step, words)}`);

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again (after fixing it) loads it again.
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      return setFileError(words.fileTooLarge(file.name, Math.ceil(file.size / 1024), MAX_FILE_BYTES / 1024));
    }
    let body: string;
    try {
      body = await file.text();
    } catch {
      return setFileError(words.fileUnreadable(file.name));
    }
    const reading = readScenarioFile(body);
    if (reading.ok) {
      setFileError(null);
      setAskingProto(null);
      store.replaceDraft(fromScenario(reading.scenario));
    } else if (reading.reason === 'json') {
      setFileError(words.fileNotJson(file.name, reading.line, reading.column, reading.found));
    } else if (reading.reason === 'json-unplaced') {
      setFileError(words.fileNotJsonUnplaced(file.name));
    } else {
      setFileError(words.fileNotScenario(file.name, reading.error));
    }
  };
  const save = () => {
    if (!validation.ok) return;
    const file = scenarioFile(validation.scenario);
    download(file.fileName, file.text);
  };
  const start = () => {
    if (validation.ok) commands.open([validation.scenario], undefined, undefined, program);
  };
  const startNew = () => {
    setFileError(null);
    setAskingProto(null);
    store.replaceDraft(blankDraft(words.untitled));
  };
  const setText = (field: DraftText) => (value: string) => store.setText(field, value);

  return (
    <section id={EDITOR_ID} className="editor" aria-labelledby={headingId}>
      <header className="editor-head">
        <h2 id={headingId}>{words.label}</h2>
        <button type="button" className="primary" disabled={!validation.ok || !connected} aria-describedby={statusId} onClick={start}>
          {words.start}
        </button>
        <button type="button" className="icon" aria-label={words.close} title={words.close} onClick={store.closeEditor}>✕</button>
      </header>
      <div className="editor-actions">
        <button type="button" onClick={startNew}>{words.new}</button>
        <label className="file-button">
          <input type="file" accept=".json,application/json" onChange={(event) => void load(event)} />
          <span>{words.load}</span>
        </label>
        <button type="button" disabled={!validation.ok} aria-describedby={statusId} onClick={save}>{words.save}</button>
      </div>
      <div id={statusId} role="status" className={`editor-status${validation.ok ? ' ok' : ''}`}>
        <p>{validation.ok ? words.ready : words.problemCount(problems.length)}</p>
        {general.length > 0 && <ul>{general.map((problem, at) => <li key={at}>{describeProblem(problem, words)}</li>)}</ul>}
      </div>
      {fileError && <p role="alert" className="editor-file-error">{fileError}</p>}
      {replaced && (
        <p className="editor-notice">
          {words.replaced(replaced.title)}{' '}
          <button type="button" onClick={store.bringBack}>{words.bringBack}</button>
        </p>
      )}

      <div className="editor-scroll">
        <div className="editor-meta">
          <TextField label={words.title} value={draft.title} onChange={setText('title')} problem={problemOf('title')} wide />
          <TextField label={words.name} value={draft.name} onChange={setText('name')} problem={problemOf('name')}
            hint={words.nameHint(`${draft.name || '…'}.json`)} />
          <TextField label={words.message} value={draft.message} onChange={setText('message')} problem={problemOf('message')}
            hint={words.messageHint} />
          <TextField label={words.description} value={draft.description} onChange={setText('description')}
            problem={problemOf('description')} wide multiline />
          <fieldset className="editor-proto">
            <legend>{words.protocol}</legend>
            {PROTOS.map((proto) => (
              <label key={proto}>
                <input type="radio" name={`${headingId}-proto`} value={proto} checked={draft.proto === proto} onChange={() => chooseProto(proto)} />
                {protoName(proto)}
              </label>
            ))}
          </fieldset>
        </div>
        {asking && askingProto && (
          <div role="alert" className="editor-confirm">
            <p>
              {asking.removed.length > 0
                ? words.switchAsk(protoName(askingProto), numbered(asking.removed), asking.adapted.length)
                : words.switchAdaptOnly(protoName(askingProto), asking.adapted.length)}
            </p>
            <button type="button" className="primary" onClick={() => { store.setProto(askingProto); setAskingProto(null); }}>
              {words.switchConfirm(protoName(askingProto))}
            </button>
            <button type="button" onClick={() => setAskingProto(null)}>{words.switchCancel(protoName(draft.proto))}</button>
          </div>
        )}

        <h3 id={stepsHeadingId} className="editor-steps-heading">{words.steps}</h3>
        <ol ref={listRef} className="editor-steps" aria-labelledby={stepsHeadingId}>
          {steps.map((entry, index) => (
            <StepEditor key={entry.id} entry={entry} index={index} count={steps.length} proto={draft.proto}
              problems={stepProblems(problems, index)} onChange={change} onMove={move} onRemove={remove} />
          ))}
        </ol>
        <button ref={addRef} type="button" className="editor-add" onClick={add}>{words.add}</button>
      </div>
    </section>
  );
}
