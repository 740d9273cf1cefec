import { ConnectionNotice } from './components/ConnectionNotice.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { SessionPanel } from './components/SessionPanel.tsx';
import { useMessages } from './messages.ts';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts';
import type { SessionCommands } from './ws-client.ts';

export function App({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  useKeyboardShortcuts(commands);
  return (
    <div className="app">
      <header className="app-header">
        <h1>sockscope</h1>
        <p className="tagline">{text.tagline}</p>
      </header>
      <ConnectionNotice />
      <ErrorBanner />
      <main>
        <ScenarioPicker commands={commands} />
        <SessionPanel commands={commands} />
      </main>
    </div>
  );
}
