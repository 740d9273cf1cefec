import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startClass } from './class/class-client.ts';
import { viewFromUrl } from './location.ts';
import { closeRecordingOnNewSession } from './recordings/opened-store.ts';
import { foldSetupOnNewSession } from './screen-store.ts';
import { useSessionStore } from './session-store.ts';
import { useClassStore } from './class/class-store.ts';
import { SessionClient, socketUrl } from './ws-client.ts';
import './styles.css';

const client = new SessionClient(socketUrl(window.location), useSessionStore);
// A class link shows the teacher's view, not what else the address says.
startClass(client, window.location.search);
if (useClassStore.getState().code === null) client.start(viewFromUrl(window.location.search));
else client.start(null);
closeRecordingOnNewSession();
foldSetupOnNewSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App commands={client} />
  </StrictMode>,
);
