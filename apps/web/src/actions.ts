import { packetsInFlight } from './hold.ts';
import { selectShowingRecording, useOpenedRecordings } from './recordings/opened-store.ts';
import { selectCanPause, selectCanStep, steppableSessions, useSessionStore } from './session-store.ts';
import { useViewStore } from './view-store.ts';
import type { SessionCommands } from './ws-client.ts';

/*
 * What the page's buttons and keys do when it takes more than one store and the server: each
 * rule is decided here once, whichever button or key asks.
 */

/**
 * The live sessions Step and Run act on now (see steppableSessions): none while a recording is
 * shown in their place, for it has run, and the sessions it hides must not move unseen.
 */
function sessionsToStep(): string[] {
  return selectShowingRecording(useOpenedRecordings.getState()) ? [] : steppableSessions(useSessionStore.getState());
}

/** Whether Step, Run and → at the last event can act: for their buttons, by the rule the actions follow. */
export function useCanStep(): boolean {
  const showingRecording = useOpenedRecordings(selectShowingRecording);
  const canStep = useSessionStore(selectCanStep);
  return canStep && !showingRecording;
}

/**
 * Step (the button, → at the last event): runs the next step of each shown session that can take
 * one; when the step's rows arrive, the cursor goes to the first of them.
 */
export function stepShown(commands: SessionCommands): void {
  const sessionIds = sessionsToStep();
  if (sessionIds.length === 0) return;
  useViewStore.getState().requestStep(sessionIds);
  commands.step(sessionIds);
}

/**
 * Deliver, Deliver all, Drop: each shown session with a packet in flight gets the verdict; when
 * its row arrives, the cursor goes to it, so the explanation says what became of the packet.
 */
export function giveVerdict(commands: SessionCommands, verdict: 'deliver' | 'deliver-all' | 'drop'): void {
  const { sessions, shown } = useSessionStore.getState();
  const holding = shown.flatMap((id) => (id !== null && sessions[id]?.info.hold && packetsInFlight(sessions[id].events).length > 0 ? [id] : []));
  useViewStore.getState().requestVerdict(holding);
  if (verdict === 'drop') commands.drop();
  else commands.deliver(verdict === 'deliver-all');
}

/** Run: the shown sessions that can step run to their end at the chosen pace. */
export function runShown(commands: SessionCommands): void {
  const sessionIds = sessionsToStep();
  if (sessionIds.length > 0) commands.run(sessionIds, useViewStore.getState().paceMs);
}

/** Space: pauses a run, or else runs; a recording shown has nothing to run or pause. */
export function runOrPause(commands: SessionCommands): void {
  if (selectShowingRecording(useOpenedRecordings.getState())) return;
  if (selectCanPause(useSessionStore.getState())) commands.pause();
  else runShown(commands);
}
