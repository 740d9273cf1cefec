import { selectSession, useSessionStore } from '../session-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { Controls } from './Controls.tsx';
import { EventList } from './EventList.tsx';
import { StatusLine } from './StatusLine.tsx';

export function SessionPanel({ commands }: { commands: SessionCommands }) {
  const session = useSessionStore(selectSession);
  if (!session) return null;
  return (
    <section className="session" aria-labelledby="session-title">
      <h2 id="session-title">{session.title}</h2>
      <Controls commands={commands} />
      <StatusLine session={session} />
      <EventList />
    </section>
  );
}
