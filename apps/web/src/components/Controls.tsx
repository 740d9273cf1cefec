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
  const paceMs = useViewStore((state) => state.paceMs);
  const view = useViewStore.getState();
  return (
    <div className="controls-bar">
      <div role="toolbar" aria-label={text.controls.label} className="controls">
        {/* Someone else's session: nothing to drive here, so no buttons that would only be refused. */}
        {watching ? <p role="status" className="watching">{text.controls.watching}</p> : (
          <>
            <button type="button" className="primary" disabled={!canStep} onClick={() => stepShown(commands)}>{text.controls.step}</button>
            <button type="button" disabled={!canStep} onClick={() => runShown(commands)}>{text.controls.run}</button>
            <button type="button" disabled={!canPause} onClick={() => commands.pause()}>{text.controls.pause}</button>
            <button type="button" disabled={!canReset} onClick={() => commands.reset()}>{text.controls.reset}</button>
          </>
        )}
        <label className="pace">
          <span>{text.pace.label}</span>
          <select value={paceMs} onChange={(event) => view.setPace(Number(event.target.value))}>
            {PACES_MS.map((ms) => <option key={ms} value={ms}>{text.pace.ms(ms)}</option>)}
          </select>
        </label>
      </div>
      <HoldControls commands={commands} />
      <ViewControls />
    </div>
  );
}
