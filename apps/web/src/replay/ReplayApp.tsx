import type { Recording } from '@sockscope/protocol';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Workspace } from '../components/Workspace.tsx';
import { useMessages, type Messages } from '../messages.ts';
import { useSessionStore } from '../session-store.ts';
import { useViewStore } from '../view-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { recordingSlots } from './recording-view.ts';

/**
 * A replay has no server: its sessions are ended and every step has run, so Step, Run and Reset
 * stay disabled and nothing calls these. Should something call one anyway, it says why it cannot.
 */
const NO_SERVER = new Proxy({}, {
  get: (_target, command) => () => {
    throw new Error(`${String(command)}: a replay has no server; every event of the recording is already here`);
  },
}) as SessionCommands;

/** Puts the chosen tracks of the recording where the page keeps its sessions, left to right. */
export function showTracks(recording: Recording, ids: string[]): void {
  const view = useViewStore.getState();
  useSessionStore.setState({ connection: 'open', sessions: recordingSlots(recording), shown: ids, awaiting: {} });
  // A ladder shown for the first time opens at its first event, as after a Step, ready to be stepped through.
  view.requestStep(ids.filter((id) => view.cursor[id] === undefined));
}

function Header({ tagline }: { tagline: string }) {
  return (
    <header className="app-header">
      <h1>sockscope</h1>
      <p className="tagline">{tagline}</p>
      <LanguageSwitch />
    </header>
  );
}

/** The recording's ladders with the page's own cursor, explanation, detail and language switch. */
export function ReplayApp({ recording }: { recording: Recording }) {
  const text = useMessages();
  return (
    <div className="app replay">
      <Header tagline={text.replay.tagline(recording.name, new Date(recording.createdAt))} />
      <main>
        <TrackChoice recording={recording} />
        <div className="main-body">
          <div className="main-view">
            <Workspace commands={NO_SERVER} />
          </div>
        </div>
      </main>
    </div>
  );
}

/** With several tracks (an imported capture's connections), which one is shown, and which beside it. */
function TrackChoice({ recording }: { recording: Recording }) {
  const text = useMessages();
  const [left, right] = useSessionStore((state) => state.shown);
  if (recording.tracks.length < 2 || !left) return null;
  const options = (except?: string | null) => recording.tracks.filter((track) => track.id !== except)
    .map((track) => <option key={track.id} value={track.id}>{track.title}</option>);
  return (
    <div role="group" aria-label={text.replay.tracks} className="track-choice">
      <label>
        <span>{text.replay.track}</span>
        <select value={left} onChange={(event) => {
          const chosen = event.target.value;
          showTracks(recording, right && right !== chosen ? [chosen, right] : [chosen]);
        }}>
          {options()}
        </select>
      </label>
      <label>
        <span>{text.replay.compareWith}</span>
        <select value={right ?? ''} onChange={(event) => showTracks(recording, event.target.value ? [left, event.target.value] : [left])}>
          <option value="">{text.replay.nothing}</option>
          {options(left)}
        </select>
      </label>
    </div>
  );
}

/** The file holds no recording, or one that cannot be read: said in words, in the chosen language. */
export function ReplayProblem({ message }: { message: (text: Messages) => string }) {
  const text = useMessages();
  return (
    <div className="app replay">
      <Header tagline={text.tagline} />
      <p role="alert" className="replay-problem">{message(text)}</p>
    </div>
  );
}
