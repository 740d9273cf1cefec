import type { SessionEvent } from '@sockscope/protocol';
import { memo } from 'react';
import { formatTimeMs, summarizeEvent } from '../event-summary.ts';
import { useMessages } from '../messages.ts';
import { selectEvents, useSessionStore } from '../session-store.ts';

export function EventList() {
  const text = useMessages();
  const events = useSessionStore(selectEvents);
  return (
    <>
      <ol aria-label={text.events.label} className="events">
        {events.map((event) => <EventRow key={event.id} event={event} />)}
      </ol>
      {events.length === 0 && <p className="events-empty">{text.events.empty}</p>}
    </>
  );
}

/** Events never change once logged, so a row renders once however long the list grows. */
const EventRow = memo(function EventRow({ event }: { event: SessionEvent }) {
  const text = useMessages();
  const level = event.kind === 'note' ? event.level : undefined;
  return (
    <li className="event" data-id={event.id} data-kind={event.kind} data-source={event.source} data-level={level}>
      <span className="event-time">{formatTimeMs(event.t, text)}</span>{' '}
      <span className={`badge badge-${event.source}`}>{text.events.sources[event.source]}</span>{' '}
      <span className="event-summary">{summarizeEvent(event, text)}</span>
    </li>
  );
});
