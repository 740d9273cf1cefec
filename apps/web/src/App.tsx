import { ClassBar } from './class/ClassBar.tsx';
import { TeachDialog } from './class/TeachDialog.tsx';
import type { CSSProperties } from 'react';
import { ConnectionNotice } from './components/ConnectionNotice.tsx';
import { Controls } from './components/Controls.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { SetupToggle, SETUP_ID } from './components/SetupToggle.tsx';
import { Workspace } from './components/Workspace.tsx';
import { selectEditorOpen, useEditorStore } from './editor/editor-store.ts';
import { ScenarioEditor } from './editor/ScenarioEditor.tsx';
import { useMessages } from './messages.ts';
import { RecordingBar } from './recordings/RecordingBar.tsx';
import { RecordingsPanel } from './recordings/RecordingsPanel.tsx';
import { selectShowingRecording, useOpenedRecordings } from './recordings/opened-store.ts';
import { usePresenterType, type PresenterType } from './presenter-type.ts';
import { selectSetupOpen, useScreenStore } from './screen-store.ts';
import { selectShown, useSessionStore } from './session-store.ts';
import { LADDER_ID } from './components/Workspace.tsx';
import type { SessionCommands } from './ws-client.ts';

export function App({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const showing = useSessionStore(selectShown).length > 0;
  const editing = useEditorStore(selectEditorOpen);
  // An opened recording takes the live sessions' place until it is closed; they go on meanwhile.
  const showingRecording = useOpenedRecordings(selectShowingRecording);
  const ladderShown = showing || showingRecording;
  const type = usePresenterType();
  const presenting = type !== null && ladderShown;
  const setupOpen = useScreenStore(selectSetupOpen);
  // Folded, not unmounted: the list keeps its state and a file dropped on the page is still taken.
  const setupShown = !ladderShown || setupOpen;
  return (
    <div className={`app${presenting ? ' presenting' : ''}`} style={presenting ? typeVariables(type) : undefined}>
      {ladderShown && <a className="skip-link" href={`#${LADDER_ID}`}>{text.screen.skipToLadder}</a>}
      <header className="app-header">
        <h1>sockscope</h1>
        {/* Once a ladder is shown its line is the ladder's: the header keeps to one short row. */}
        {!ladderShown && <p className="tagline">{text.tagline}</p>}
        {ladderShown && <SetupToggle />}
        <LanguageSwitch />
        <ClassBar />
      </header>
      <ConnectionNotice />
      <ErrorBanner />
      <main>
        <div id={SETUP_ID} className="setup" hidden={!setupShown}>
          <ScenarioPicker commands={commands} />
          <RecordingsPanel />
        </div>
        {/* The editor sits beside the ladder, so a teacher sees what a change does when it is started. */}
        <div className="main-body">
          {editing && <ScenarioEditor commands={commands} />}
          <div className="main-view">
            {showingRecording ? <RecordingBar /> : showing && <Controls commands={commands} />}
            {ladderShown && <Workspace commands={commands} />}
          </div>
          {/* Beside the ladder, not above it: the room reads the code while the ladder keeps the height. */}
          <TeachDialog />
        </div>
      </main>
    </div>
  );
}

/** Presenter view's type for the page's stylesheet (styles.css reads these variables). */
function typeVariables(type: PresenterType): CSSProperties {
  return { '--label-size': `${type.labelPx}px`, '--explain-size': `${type.explanationPx}px` } as CSSProperties;
}
