import { randomUUID } from 'node:crypto';
import { answerQuestion, nextEventQuestion, type NextEventQuestion } from '@sockscope/analysis';
import { SessionError, stepRefusal } from '@sockscope/engine';
import { byDrawingOrder, type Choice, type Question, type SessionEvent } from '@sockscope/protocol';
import type { ManagedSession, SessionManager } from './session-manager.ts';

/** What a page is told when a session's question changes; each connection words it for its client. */
export type QuestionChange = { sessionId: string } & (
  /** `presenter`: the key of the client who may see the tally (undefined: anyone's session, everyone). */
  | { kind: 'asked' | 'answered'; presenter: string | undefined }
  | { kind: 'revealed'; questionId: string; right: number | null; answer: Choice; eventId: number }
);

interface OpenQuestion {
  question: Question;
  presenter: string | undefined;
  generated: NextEventQuestion;
  /** Each client's answer, by client key: one per client, the latest. */
  answers: Map<string, number>;
  revealing: boolean;
}

const eventsOf = (managed: ManagedSession): SessionEvent[] => [...managed.session.log.all()].sort(byDrawingOrder);

/**
 * "What happens next?": one open question per session, asked by its presenter, answered by
 * those watching it, and revealed, which steps the session (as a `step` would) when the answer
 * has not happened yet. Who may ask and reveal is the connection's check (the presenter's).
 */
export class Questions {
  readonly #open = new Map<string, OpenQuestion>();
  readonly #listeners = new Set<(change: QuestionChange) => void>();

  constructor(private readonly manager: SessionManager) {
    // An ended session's question can no longer be revealed.
    manager.onStatus((info) => {
      if (info.status === 'closed') this.#open.delete(info.id);
    });
  }

  onChange(listener: (change: QuestionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(change: QuestionChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Asks what follows the event `after` (0: before the first) of the session; replaces its open question. */
  ask(sessionId: string, after: number): Question {
    const managed = this.manager.get(sessionId);
    // While a step runs, what follows the cursor is still arriving.
    if (managed.running || managed.session.busy) throw new SessionError('session-busy', 'the session is running; pause it, or wait for its step to end, before asking');
    const { session } = managed;
    const generated = nextEventQuestion(eventsOf(managed), { proto: session.scenario.proto, steps: session.scenario.steps }, after);
    if ('refused' in generated) {
      if (generated.refused === 'stepping') throw new SessionError('session-busy', 'a step is still running; ask when it ends');
      if (generated.refused === 'unknown-event') throw new SessionError('no-question', `the session has no event ${after}`);
      throw new SessionError('no-question', 'nothing follows that event: the session has no step left');
    }
    // Its answer is a step away: that step must be one the session can take.
    if (!generated.answer) {
      const refusal = stepRefusal(session);
      if (refusal) throw refusal;
    }
    const question: Question = {
      id: randomUUID(), sessionId, choices: generated.choices, after,
      ...(generated.step !== undefined && { step: { index: generated.step, label: session.info.steps[generated.step]?.label ?? '' } }),
    };
    this.#open.set(sessionId, { question, presenter: managed.owner, generated, answers: new Map(), revealing: false });
    this.#tell({ kind: 'asked', sessionId, presenter: managed.owner });
    return question;
  }

  #find(sessionId: string, questionId: string): OpenQuestion {
    const open = this.#open.get(sessionId);
    if (!open || open.question.id !== questionId) throw new SessionError('no-question', 'that question is not open (it was revealed, or another was asked)');
    return open;
  }

  /** A client's answer; a later one replaces it until the reveal. */
  answer(sessionId: string, questionId: string, client: string, choice: number): void {
    const open = this.#find(sessionId, questionId);
    if (open.revealing) throw new SessionError('no-question', 'the answer is being revealed');
    if (choice >= open.question.choices.length) {
      throw new SessionError('no-question', `the question has ${open.question.choices.length} choices; there is no choice ${choice}`);
    }
    open.answers.set(client, choice);
    this.#tell({ kind: 'answered', sessionId, presenter: open.presenter });
  }

  /** Reveals the answer, stepping the session first when the events do not hold it yet. */
  async reveal(sessionId: string, questionId: string): Promise<void> {
    const open = this.#find(sessionId, questionId);
    if (open.revealing) return;
    open.revealing = true;
    try {
      const managed = this.manager.get(sessionId);
      const proto = managed.session.scenario.proto;
      let answered = answerQuestion(eventsOf(managed), open.generated, proto);
      if (!answered) {
        await this.manager.step(sessionId);
        answered = answerQuestion(eventsOf(managed), open.generated, proto);
      }
      if (!answered?.answer) throw new Error('the step ran, and its events still hold no answer');
      if (this.#open.get(sessionId) === open) this.#open.delete(sessionId);
      this.#tell({
        kind: 'revealed', sessionId, questionId, right: answered.right ?? null, answer: answered.answer.choice, eventId: answered.answer.eventId,
      });
    } finally {
      open.revealing = false;
    }
  }

  /** The session's open question as `client` sees it: with the choice it answered, if it did. */
  questionFor(sessionId: string, client: string): Question | undefined {
    const open = this.#open.get(sessionId);
    if (!open) return undefined;
    const chosen = open.answers.get(client);
    return chosen === undefined ? open.question : { ...open.question, chosen };
  }

  /** How many answered the session's open question, and how many chose each choice. */
  tally(sessionId: string): { questionId: string; answers: number; counts: number[] } | undefined {
    const open = this.#open.get(sessionId);
    if (!open) return undefined;
    const counts = open.question.choices.map(() => 0);
    for (const choice of open.answers.values()) counts[choice] = (counts[choice] ?? 0) + 1;
    return { questionId: open.question.id, answers: open.answers.size, counts };
  }
}
