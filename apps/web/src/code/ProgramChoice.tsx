import { PROGRAM_RUNTIMES } from '@sockscope/protocol';
import { useId } from 'react';
import { useMessages } from '../messages.ts';
import { useSessionStore } from '../session-store.ts';
import { runtimeToOpen, selectRuntime, useCodeStore } from './code-store.ts';
import './code.css';

/** The scenario form's choice of who makes the calls: Python programs (first, where the server runs them) or Node. */
export function ProgramChoice() {
  const text = useMessages();
  const python = useSessionStore((state) => state.python);
  const chosen = useCodeStore(selectRuntime);
  const runtime = runtimeToOpen(chosen, { python });
  const labelId = useId();
  const noteId = useId();
  const unavailable = python?.available === false ? python.reason : undefined;
  return (
    <div className="field program-choice">
      <span id={labelId} className="field-label">{text.code.program.label}</span>
      <div role="radiogroup" aria-labelledby={labelId} aria-describedby={unavailable ? noteId : undefined} className="program-options">
        {PROGRAM_RUNTIMES.map((option) => (
          <label key={option}>
            <input type="radio" name={labelId} value={option} checked={runtime === option}
              disabled={option === 'python' && unavailable !== undefined}
              onChange={() => useCodeStore.getState().chooseRuntime(option)} />
            {text.code.program[option]}
          </label>
        ))}
      </div>
      {unavailable && <small id={noteId} className="field-note" title={unavailable}>{text.code.program.pythonUnavailable(unavailable)}</small>}
    </div>
  );
}

/** The runtime a Start or Compare of the form opens. */
export function useRuntimeToOpen() {
  const python = useSessionStore((state) => state.python);
  return runtimeToOpen(useCodeStore(selectRuntime), { python });
}
