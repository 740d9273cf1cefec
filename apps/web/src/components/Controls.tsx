import { useEffect, useRef } from 'react';
import { runShown, stepShown, useCanStep } from '../actions.ts';
import { useMessages } from '../messages.ts';
import { selectCanPause, selectCanReset, selectWatching, useSessionStore } from '../session-store.ts';
import { PACES_MS, useViewStore } from '../view-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { HoldControls } from './HoldControls.tsx';
import { ViewControls } from './ViewControls.tsx';

/** Drives the sessions (Step, Run, Pause, Reset) and the view (pace, time axis, zoom). */
export function Controls({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const canStep = useCanStep();
  const canPause = useSessionStore(selectCanPause);
  const canReset = useSessionStore(selectCanReset);
  const watching = useSessionStore(selectWatching);
  const shownKey = useSessionStore((state) => state.shown.join(','));
  const stepButton = useRef<HTMLButtonElement>(null);
  const focusedFor = useRef('');
  /** The last control used here was Step (by click, Enter or Space). */
  const stepped = useRef(false);
  useEffect(() => {
    if (!canStep) return;
    const active = document.activeElement;
    const nowhere = !active || active === document.body;
    if (shownKey !== focusedFor.current) {
      focusedFor.current = shownKey;
      // A session has just started: the next Enter or Space steps it, instead of pressing Start
      // again and losing what was stepped. Focus elsewhere (a field, the ladder) is left alone.
      if (nowhere || active.closest('form.picker')) stepButton.current?.focus();
    } else if (nowhere && stepped.current) {
      // Step is disabled while its step runs, which drops the focus: give it back.
      stepButton.current?.focus();
    }
  }, [canStep, shownKey]);
  const paceMs = useViewStore((state) => state.paceMs);
  const view = useViewStore.getState();
  return (
    <div className="controls-bar">
      <div role="toolbar" aria-label={text.controls.label} className="controls">
        {/* Someone else's session: nothing to drive here, so no buttons that would only be refused. */}
        {watching ? <p role="status" className="watching">{text.controls.watching}</p> : (
          <>
            <button type="button" className="primary" ref={stepButton} disabled={!canStep} onClick={() => { stepped.current = true; stepShown(commands); }}>{text.controls.step}</button>
            <button type="button" disabled={!canStep} onClick={() => runShown(commands)}>{text.controls.run}</button>
            <button type="button" disabled={!canPause} onClick={() => commands.pause()}>{text.controls.pause}</button>
            <button type="button" disabled={!canReset} onClick={() => commands.reset()}>{text.controls.reset}</button>
          </>
        )}
        {/* The pace is Run's: a watcher, who cannot run, has no use for it. */}
        {!watching && (
          <label className="pace">
            <span>{text.pace.label}</span>
            <select value={paceMs} onChange={(event) => view.setPace(Number(event.target.value))}>
              {PACES_MS.map((ms) => <option key={ms} value={ms}>{text.pace.ms(ms)}</option>)}
            </select>
          </label>
        )}
      </div>
      <HoldControls commands={commands} />
      <ViewControls />
    </div>
  );
}
