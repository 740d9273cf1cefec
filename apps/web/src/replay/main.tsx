import { parseRecording, type Recording } from '@sockscope/protocol';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { ReplayApp, ReplayProblem, showTracks } from './ReplayApp.tsx';
import { firstShown } from './recording-view.ts';

/** The recording the server or CLI wrote into this file; null when the element is empty (the bare template). */
function readRecording(): Recording | null {
  const data = document.getElementById('recording')?.textContent?.trim();
  return data ? parseRecording(data) : null;
}

function content(): ReactNode {
  try {
    const recording = readRecording();
    if (recording) {
      document.title = `${recording.name} — sockscope`;
      showTracks(recording, firstShown(recording));
    }
    return recording ? <ReplayApp recording={recording} /> : <ReplayProblem message={(text) => text.replay.empty} />;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return <ReplayProblem message={(text) => text.replay.unreadable(detail)} />;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('replay.html has no #root element');
createRoot(root).render(<StrictMode>{content()}</StrictMode>);
