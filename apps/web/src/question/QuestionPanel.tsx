import { useMessages } from '../messages.ts';
import { selectConnection, useSessionStore } from '../session-store.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import type { SessionCommands } from '../ws-client.ts';
import { selectOpen, selectQuestion, useQuestionStore } from './question-store.ts';
import { QuestionChoices } from './QuestionChoices.tsx';
import './question.css';

/**
 * "What happens next?" beside the cursor: the presenter asks about what follows the event at
 * the cursor and reveals; everyone watching answers. Nothing for a recording (it has no class).
 */
export function QuestionPanel({ ladders, commands }: { ladders: ShownLadder[]; commands: SessionCommands }) {
  const text = useMessages();
  const question = useQuestionStore(selectQuestion);
  const open = useQuestionStore(selectOpen);
  const connected = useSessionStore(selectConnection) === 'open';
  const cursor = useViewStore((state) => state.cursor);
  const focus = useViewStore((state) => state.focus);
  const focused = ladders[Math.min(focus, ladders.length - 1)];
  if (!focused || focused.recorded) return null;
  const { info } = focused.slot;
  const presenter = info.presenter !== false;
  const asked = question !== null && ladders.some((ladder) => ladder.sessionId === question.sessionId);
  // Asked between steps: while one runs, what follows the cursor is still arriving.
  const canAsk = connected && presenter && (info.status === 'ready' || info.status === 'finished');
  const ask = () => {
    const row = cursor[focused.sessionId] ?? -1;
    commands.ask(focused.sessionId, focused.layout.rows[row]?.eventIds[0] ?? 0);
  };
  if (!presenter && !asked) return null;
  return (
    <section className="question" aria-label={text.question.title}>
      {presenter && (
        <div className="question-actions">
          <button type="button" title={text.question.askHint} disabled={!canAsk} onClick={ask}>{text.question.ask}</button>
          {open && question && (
            <button type="button" className="primary" disabled={!connected} onClick={() => commands.reveal(question.sessionId, question.id)}>
              {text.question.reveal}
            </button>
          )}
        </div>
      )}
      {asked && question && <QuestionChoices question={question} presenter={presenter} commands={commands} />}
    </section>
  );
}
