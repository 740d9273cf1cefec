import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { scenarioFromUrl } from './location.ts';
import { useSessionStore } from './session-store.ts';
import { SessionClient, socketUrl } from './ws-client.ts';
import './styles.css';

const client = new SessionClient(socketUrl(window.location), useSessionStore);
client.start();
const scenario = scenarioFromUrl(window.location.search);
if (scenario) client.createSession(scenario);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App commands={client} />
  </StrictMode>,
);
