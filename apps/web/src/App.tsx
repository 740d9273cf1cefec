import { ClassBar } from './class/ClassBar.tsx';
import { ConnectionNotice } from './components/ConnectionNotice.tsx';
import { Controls } from './components/Controls.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { Workspace } from './components/Workspace.tsx';
import { selectEditorOpen, useEditorStore } from './editor/editor-store.ts';
import { ScenarioEditor } from './editor/ScenarioEditor.tsx';
import { useMessages } from './messages.ts';
import { RecordingBar } from './recordings/RecordingBar.tsx';
import { RecordingsPanel } from './recordings/RecordingsPanel.tsx';
import { selectShowingRecording, useOpenedRecordings } from './recordings/opened-store.ts';
import { selectShown, useSessionStore } from './session-store.ts';
import type { SessionCommands } from './ws-client.ts';

export function App({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const showing = useSessionStore(selectShown).length > 0;
  const editing = useEditorStore(selectEditorOpen);
  // An opened recording takes the live sessions' place until it is closed; they go on meanwhile.
  const showingRecording = useOpenedRecordings(selectShowingRecording);
  return (
    <div className="app">
      <header className="app-header">
        <h1>sockscope</h1>
        <p className="tagline">{text.tagline}</p>
        <LanguageSwitch />
        <ClassBar />
      </header>
      <ConnectionNotice />
      <ErrorBanner />
      <main>
        <ScenarioPicker commands={commands} />
        <RecordingsPanel />
        {/* The editor sits beside the ladder, so a teacher sees what a change does when it is started. */}
        <div className="main-body">
          {editing && <ScenarioEditor commands={commands} />}
          <div className="main-view">
            {showingRecording ? <RecordingBar /> : showing && <Controls commands={commands} />}
            {(showing || showingRecording) && <Workspace commands={commands} />}
          </div>
        </div>
      </main>
    </div>
  );
}
