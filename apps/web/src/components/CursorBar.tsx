import { latestStepStart } from '@sockscope/ladder';
import { stepShown, useCanStep } from '../actions.ts';
import { explainEvent } from '../explain.ts';
import { useMessages } from '../messages.ts';
import { QuestionPanel } from '../question/QuestionPanel.tsx';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { sessionTitle } from '../scenario-words.ts';
import { stopFollowing } from '../class/class-store.ts';
import { PresentButton } from './PresentButton.tsx';
import { CodeToggle } from '../code/CodeToggle.tsx';

/** Moves the cursor one event back or forward (at the end, forward runs the next step) and says what happened. */
export function CursorBar({ ladders, commands }: { ladders: ShownLadder[]; commands: SessionCommands }) {
  const text = useMessages();
  const cursor = useViewStore((state) => state.cursor);
  const focus = useViewStore((state) => state.focus);
  // A recording has run: there is no next step (useCanStep says so), and its last event is its end, not the present.
  const recorded = ladders.some((ladder) => ladder.recorded);
  const canStep = useCanStep();
  const focused = ladders[Math.min(focus, ladders.length - 1)];
  if (!focused) return null;
  const rows = focused.layout.rows.length;
  const at = cursor[focused.sessionId] ?? -1;
  const moveCursor = (sessionId: string, row: number, count: number) => {
    stopFollowing();
    useViewStore.getState().moveCursor(sessionId, row, count);
  };
  const atEnd = at >= rows - 1;
  // After a Step the cursor is on the step's first event: what the step added is the live part, not a replay.
  const live = atEnd || (!recorded && at >= latestStepStart(focused.layout));
  return (
    <div className="cursor-bar">
      <div role="toolbar" aria-label={text.cursor.label} className="cursor-buttons">
        <button type="button" className="icon" aria-label={text.cursor.previous} disabled={at <= 0}
          onClick={() => moveCursor(focused.sessionId, at - 1, rows)}>←</button>
        <button type="button" className="icon" aria-label={text.cursor.next} disabled={atEnd && !canStep}
          onClick={() => (atEnd ? stepShown(commands) : moveCursor(focused.sessionId, at + 1, rows))}>→</button>
        <span className="cursor-position">
          {rows > 0 ? text.cursor.position(at + 1, rows) : ''}
          <span className={`cursor-mode ${live ? 'live' : 'replay'}`}>{atEnd && recorded ? text.opened.end : live ? text.cursor.live : text.cursor.replay}</span>
        </span>
      </div>
      <div className="explanations" aria-live="polite">
        {ladders.map((ladder) => (
          <Explanation key={ladder.sessionId} ladder={ladder} row={cursor[ladder.sessionId] ?? -1} titled={ladders.length > 1} />
        ))}
      </div>
      <QuestionPanel ladders={ladders} commands={commands} />
      <CodeToggle />
      <PresentButton />
    </div>
  );
}

function Explanation({ ladder, row, titled }: { ladder: ShownLadder; row: number; titled: boolean }) {
  const text = useMessages();
  const eventId = ladder.layout.rows[row]?.eventIds[0];
  const events = ladder.slot.events;
  const index = eventId === undefined ? -1 : events.findIndex((event) => event.id === eventId);
  const sentence = index >= 0 ? explainEvent(events, index, text) : text.cursor.nothing;
  return (
    <p className="explanation" data-session={ladder.sessionId}>
      {titled && <strong>{`${sessionTitle(text, ladder.slot.info)}: `}</strong>}
      {sentence}
    </p>
  );
}
