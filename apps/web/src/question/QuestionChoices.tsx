import type { Question } from '@sockscope/protocol';
import { useMessages } from '../messages.ts';
import type { SessionCommands } from '../ws-client.ts';
import { useQuestionStore } from './question-store.ts';

/**
 * The question's choices: buttons a watcher presses to answer (its own pressed), or, for the
 * presenter, each with how many chose it; after the reveal, the right one marked on every screen.
 */
export function QuestionChoices({ question, presenter, commands }: { question: Question; presenter: boolean; commands: SessionCommands }) {
  const text = useMessages();
  const chosen = useQuestionStore((state) => state.chosen);
  const tally = useQuestionStore((state) => state.tally);
  const revealed = useQuestionStore((state) => state.revealed);
  const words = text.question;
  return (
    <div className="question-body">
      {question.step && <p className="question-step">{words.afterStep(question.step.label)}</p>}
      <div role="group" aria-label={words.title} className="question-choices">
        {question.choices.map((choice, index) => {
          const right = revealed?.right === index;
          const mine = !presenter && chosen === index;
          const marks = [right && words.right, mine && revealed && words.yours].filter(Boolean).join(' · ');
          return (
            <button
              // The choices are the same meanings in every language: their order is the question's.
              key={index} type="button" aria-pressed={presenter ? undefined : mine}
              className={`question-choice${right ? ' right' : ''}${revealed && mine && !right ? ' wrong' : ''}`}
              disabled={presenter || revealed !== null}
              onClick={() => commands.answer(question.sessionId, question.id, index)}
            >
              <span>{words.choice(choice)}</span>
              {presenter && tally && <span className="question-count">{words.chose(tally.counts[index] ?? 0)}</span>}
              {marks && <strong className="question-mark">{marks}</strong>}
            </button>
          );
        })}
      </div>
      <p role="status" className="question-status">
        {presenter && tally && !revealed ? words.answers(tally.answers) : ''}
        {revealed && revealed.right === null ? words.noneRight(words.choice(revealed.answer)) : ''}
        {revealed && !presenter && chosen !== null && revealed.right !== null ? (chosen === revealed.right ? words.rightYours : words.wrongYours) : ''}
      </p>
    </div>
  );
}
