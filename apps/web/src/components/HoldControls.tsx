import { wireLabel } from '@sockscope/ladder';
import { useMemo } from 'react';
import { giveVerdict } from '../actions.ts';
import { packetsInFlight } from '../hold.ts';
import { useMessages } from '../messages.ts';
import { selectWatching, shownSlots, useSessionStore } from '../session-store.ts';
import type { SessionCommands } from '../ws-client.ts';

/** Hold the wire: what is in flight, and Deliver, Drop, Deliver all. Shown only for sessions that hold it. */
export function HoldControls({ commands }: { commands: SessionCommands }) {
  const text = useMessages();
  const shown = useSessionStore((state) => state.shown);
  const sessions = useSessionStore((state) => state.sessions);
  const holding = useMemo(() => shownSlots({ ...useSessionStore.getState(), shown, sessions }).filter((slot) => slot.info.hold), [shown, sessions]);
  const inFlight = useMemo(() => holding.flatMap((slot) => packetsInFlight(slot.events)), [holding]);
  const watching = useSessionStore(selectWatching);
  if (holding.length === 0) return null;
  const next = inFlight[0];
  return (
    <div role="toolbar" aria-label={text.hold.label} className="hold-controls">
      <span role="status" className="hold-count">
        {text.hold.inFlight(inFlight.length)}
        {next && <span className="hold-next"> · {text.hold.next(wireLabel(next))}</span>}
      </span>
      {!watching && (
        <>
          <button type="button" className="primary" disabled={!next} onClick={() => giveVerdict(commands, 'deliver')}>{text.hold.deliver}</button>
          <button type="button" disabled={!next} onClick={() => giveVerdict(commands, 'drop')}>{text.hold.drop}</button>
          <button type="button" disabled={!next} onClick={() => giveVerdict(commands, 'deliver-all')}>{text.hold.deliverAll}</button>
        </>
      )}
    </div>
  );
}
