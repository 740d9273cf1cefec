import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Workspace } from '../components/Workspace.tsx';
import { useMessages, type Messages } from '../messages.ts';
import { RecordingBar } from '../recordings/RecordingBar.tsx';
import type { SessionCommands } from '../ws-client.ts';

/**
 * A replay has no server: it shows a recording, for which Step, Run and Reset are not there, so
 * nothing calls these. Should something call one anyway, it says why it cannot.
 */
const NO_SERVER = new Proxy({}, {
  get: (_target, command) => () => {
    throw new Error(`${String(command)}: a replay has no server; every event of the recording is already here`);
  },
}) as SessionCommands;

function Header({ tagline }: { tagline: string }) {
  return (
    <header className="app-header">
      <h1>sockscope</h1>
      <p className="tagline">{tagline}</p>
      <LanguageSwitch />
    </header>
  );
}

/** The recording as the page shows an opened one: its bar (ladders, time axis), cursor, explanation, detail. */
export function ReplayApp() {
  const text = useMessages();
  return (
    <div className="app replay">
      <Header tagline={text.replay.tagline} />
      <main>
        <div className="main-body">
          <div className="main-view">
            <RecordingBar closable={false} />
            <Workspace commands={NO_SERVER} />
          </div>
        </div>
      </main>
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
