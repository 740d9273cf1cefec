import { onLanes } from '@sockscope/ladder';
import { parseRecording, REPLAY_RECORDING_ID, type Recording } from '@sockscope/protocol';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useOpenedRecordings } from '../recordings/opened-store.ts';
import '../styles.css';
import { ReplayApp, ReplayProblem } from './ReplayApp.tsx';

/** The recording the server or CLI wrote into this file; null when the element is empty (the bare template). */
function readRecording(): Recording | null {
  const data = document.getElementById(REPLAY_RECORDING_ID)?.textContent?.trim();
  if (!data) return null;
  const recording = parseRecording(data);
  return { ...recording, tracks: recording.tracks.map(onLanes) };
}

/** Opens the recording as the page opens one from its list: two tracks side by side, else the first. */
function open(recording: Recording): void {
  const opened = useOpenedRecordings.getState();
  opened.add({ key: 'file', recording });
  const second = recording.tracks[1];
  if (recording.tracks.length === 2 && second) opened.compareWith({ key: 'file', track: second.id });
  document.title = `${recording.name} — sockscope`;
}

function content(): ReactNode {
  try {
    const recording = readRecording();
    if (!recording) return <ReplayProblem message={(text) => text.replay.empty} />;
    open(recording);
    return <ReplayApp />;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return <ReplayProblem message={(text) => text.replay.unreadable(detail)} />;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('replay.html has no #root element');
createRoot(root).render(<StrictMode>{content()}</StrictMode>);
