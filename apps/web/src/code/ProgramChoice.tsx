import { PROGRAM_RUNTIMES } from '@sockscope/protocol';
import { useId } from 'react';
import { useMessages } from '../messages.ts';
import { useSessionStore } from '../session-store.ts';
import { runtimeToOpen, selectRuntime, useCodeStore } from './code-store.ts';
import './code.css';

/**
 * The scenario form's choice of who makes the calls: Python programs (first, where the server
 * runs them) or Node. `holding`: the wire is held, which only Node's sessions can do yet.
 */
export function ProgramChoice({ holding }: { holding: boolean }) {
  const text = useMessages();
  const runtime = useRuntimeToOpen(holding);
  const python = useSessionStore((state) => state.python);
  const labelId = useId();
  const noteId = useId();
  const unavailable = python?.available === false ? text.code.program.pythonUnavailable(python.reason)
    : holding ? text.code.program.noHoldWithPython : undefined;
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
      {unavailable && <small id={noteId} className="field-note">{unavailable}</small>}
    </div>
  );
}

/** The runtime a Start or Compare of the form (or the editor's Start) opens; `holding` the wire needs Node. */
export function useRuntimeToOpen(holding = false) {
  const python = useSessionStore((state) => state.python);
  const chosen = useCodeStore(selectRuntime);
  return holding ? 'node' : runtimeToOpen(chosen, { python });
}
