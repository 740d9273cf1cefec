import { useMessages } from '../messages.ts';
import { selectCanPause, selectCanReset, selectCanRun, selectCanStep, useSessionStore } from '../session-store.ts';
import type { SessionCommands } from '../ws-client.ts';

export function Controls({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const canStep = useSessionStore(selectCanStep);
  const canRun = useSessionStore(selectCanRun);
  const canPause = useSessionStore(selectCanPause);
  const canReset = useSessionStore(selectCanReset);
  return (
    <div role="toolbar" aria-label={text.controls.label} className="controls">
      <button type="button" disabled={!canStep} onClick={() => commands.step()}>{text.controls.step}</button>
      <button type="button" disabled={!canRun} onClick={() => commands.run()}>{text.controls.run}</button>
      <button type="button" disabled={!canPause} onClick={() => commands.pause()}>{text.controls.pause}</button>
      <button type="button" disabled={!canReset} onClick={() => commands.reset()}>{text.controls.reset}</button>
      <span className="shortcuts">{text.controls.shortcuts}</span>
    </div>
  );
}
