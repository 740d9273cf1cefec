import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { viewFromUrl } from './location.ts';
import { closeRecordingOnNewSession } from './recordings/opened-store.ts';
import { foldSetupOnNewSession } from './screen-store.ts';
import { useSessionStore } from './session-store.ts';
import { SessionClient, socketUrl } from './ws-client.ts';
import './styles.css';

const client = new SessionClient(socketUrl(window.location), useSessionStore);
client.start(viewFromUrl(window.location.search));
closeRecordingOnNewSession();
foldSetupOnNewSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App commands={client} />
  </StrictMode>,
);
