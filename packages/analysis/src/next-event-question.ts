import { MAX_CHOICES, type Choice, type NoteEvent, type ScenarioStep, type SessionEvent } from '@sockscope/protocol';
import {
  fallbacks, overlap, poolAfterEvent, poolForStep, quietTruths, sameChoice, truthsOf, type Proto, type Situation, type Waiting,
} from './question-choices.ts';

/*
 * "What happens next?" at a cursor: the question is about the next thing that happens in the
 * cursor's step (a packet, a call returning or failing, a drop), or, when the step shows nothing
 * more, about the first such thing the next step does, or that it does nothing at all (its call
 * waits, or nothing happens). The choices are the real one and what TCP or UDP could have done
 * there instead, drawn from the step's call, the last event and the sockets' states. Pure.
 */

export interface QuestionScenario {
  proto: Proto;
  /** The scenario's steps, when known (a recording may have none). */
  steps: readonly ScenarioStep[];
}

/** What really happened: the right choice, and the event a page moves its cursor to. */
export interface QuestionAnswer {
  choice: Choice;
  /** Every choice the events make true (the first says it best). */
  truths: Choice[];
  eventId: number;
}

export interface NextEventQuestion {
  choices: Choice[];
  /** The event the question was asked after (0: before the first). */
  after: number;
  /** Set when the question is about a step's first effect. */
  step?: number;
  /** Known when the events hold it; absent while the step it is about has yet to run. */
  answer?: QuestionAnswer;
  /** Index of the right choice in `choices` (null: none of them), with `answer`. */
  right?: number | null;
}

/** Why no question can be asked there: a step is running, nothing follows, or the log has no such event. */
export type NoQuestion = { refused: 'stepping' | 'nothing-next' | 'unknown-event' };

type Scope = { step: number; open: boolean };

const stepNote = (event: SessionEvent, code: NoteEvent['code']): event is NoteEvent & { step: { index: number } } =>
  event.kind === 'note' && event.code === code && event.step !== undefined;

/** Each event's step (-1 before the first), and whether it lies between that step's start and end. */
function scopes(events: readonly SessionEvent[], steps: readonly unknown[]): Scope[] {
  // A log of no scenario and without step notes (an imported capture) is one long step.
  if (steps.length === 0 && !events.some((event) => stepNote(event, 'step-start'))) return events.map(() => ({ step: 0, open: true }));
  let scope: Scope = { step: -1, open: false };
  return events.map((event) => {
    if (stepNote(event, 'step-start')) scope = { step: event.step.index, open: true };
    else if (stepNote(event, 'step-end')) scope = { step: event.step.index, open: false };
    else return scope;
    return { step: scope.step, open: true };
  });
}

/** The sockets' situation after the events up to `end` (exclusive). */
function situationAt(events: readonly SessionEvent[], end: number, proto: Proto): Situation {
  const waiting = new Map<string, Waiting>();
  const states = new Map<string, { side: string; state: string }>();
  const windows = new Map<string, number | undefined>();
  for (const event of events.slice(0, end)) {
    if (event.kind === 'call') {
      const key = `${event.side}/${event.socket}/${event.fn}`;
      if (event.phase === 'enter') waiting.set(key, { side: event.side, fn: event.fn, connecting: false });
      else waiting.delete(key);
    } else if (event.kind === 'state') {
      states.set(`${event.side}/${event.socket}`, { side: event.side, state: event.to });
    } else if (event.kind === 'segment') {
      windows.set(event.from, event.win);
    }
  }
  const connecting = new Set([...states.values()].filter((s) => s.state === 'SYN-SENT').map((s) => s.side));
  const calls = [...waiting.values()].map((call) => ({ ...call, connecting: call.fn === 'connect' && connecting.has(call.side) }));
  return {
    proto, waiting: calls, connecting,
    closedWindows: new Set([...windows].filter(([, win]) => win === 0).map(([side]) => side)),
  };
}

/** The step's last event drawn on a ladder (a call, a packet, a state, a drop), else its last event. */
function lastDrawn(events: readonly SessionEvent[], from: number, to: number): SessionEvent | undefined {
  const inStep = events.slice(from, to);
  return inStep.findLast((event) => event.kind !== 'note' && event.kind !== 'sockets') ?? inStep.at(-1);
}

/** What the step `step` did first, if it has run to its end in `events`. */
function stepAnswer(events: readonly SessionEvent[], scope: Scope[], step: number, proto: Proto): QuestionAnswer | 'running' | undefined {
  const start = scope.findIndex((s, i) => s.step === step && stepNote(events[i]!, 'step-start'));
  if (start < 0) return undefined;
  const end = scope.findIndex((s, i) => s.step === step && stepNote(events[i]!, 'step-end'));
  if (end < 0) return 'running';
  for (let i = start; i < end; i += 1) {
    const truths = truthsOf(events[i]!, proto);
    if (truths.length > 0) return { choice: truths[0]!, truths, eventId: events[i]!.id };
  }
  // Nothing to show: its call still waits (the last one entered and not returned), or nothing happened.
  const waiting = situationAt(events, end, proto).waiting.filter((call) => events.slice(start, end).some(
    (event) => event.kind === 'call' && event.phase === 'enter' && event.side === call.side && event.fn === call.fn,
  )).at(-1);
  const truths = quietTruths(waiting);
  return { choice: truths[0]!, truths, eventId: (lastDrawn(events, start, end) ?? events[end]!).id };
}

const isTrue = (choice: Choice, answer: QuestionAnswer) => answer.truths.some((truth) => sameChoice(truth, choice));

/** The first MAX_CHOICES of `pool` that no event could make true together, with the answer among them when known. */
function pickChoices(pool: readonly Choice[], proto: Proto, answer: QuestionAnswer | undefined): Choice[] {
  const distinctOf = (list: readonly Choice[]) => list.reduce<Choice[]>((taken, candidate) => (
    taken.some((other) => overlap(other, candidate)) ? taken : [...taken, candidate]), []);
  let distinct = distinctOf(pool);
  const enough = answer ? distinct.some((c) => !answer.truths.some((truth) => overlap(truth, c))) : distinct.length >= 2;
  if (!enough) distinct = distinctOf([...pool, ...fallbacks(proto)]);
  let chosen = distinct.slice(0, MAX_CHOICES);
  if (answer) {
    const right = chosen.find((c) => isTrue(c, answer)) ?? answer.choice;
    const wrong = distinct.filter((c) => !answer.truths.some((truth) => overlap(truth, c)) && !overlap(c, right));
    const kept = chosen.filter((c) => c !== right && wrong.includes(c));
    chosen = [right, ...kept, ...wrong.filter((c) => !kept.includes(c))].slice(0, MAX_CHOICES);
  }
  // Shown in one fixed order of meanings, so the right one's place says nothing.
  return chosen.sort(byMeaning);
}

const ORDER = ['syn', 'syn-ack', 'ack', 'data', 'fin', 'rst', 'retransmission', 'datagram', 'icmp-unreachable', 'icmp', 'drop',
  'accepted', 'connected', 'received', 'eof', 'error', 'blocks', 'nothing'];
function byMeaning(a: Choice, b: Choice): number {
  return ORDER.indexOf(a.key) - ORDER.indexOf(b.key) || (a.side ?? '').localeCompare(b.side ?? '') || (a.errno ?? '').localeCompare(b.errno ?? '');
}

/** Which of `choices` the answer makes true (null: none). */
export function rightChoice(choices: readonly Choice[], answer: QuestionAnswer): number | null {
  const index = choices.findIndex((c) => isTrue(c, answer));
  return index < 0 ? null : index;
}

function withAnswer(question: NextEventQuestion, answer: QuestionAnswer | undefined): NextEventQuestion {
  return answer ? { ...question, answer, right: rightChoice(question.choices, answer) } : question;
}

/**
 * The question "What happens next?" after the event `after` (0: before the first) of a
 * session's events in drawing order. Asked where the next step has yet to run, it has no answer
 * yet: step the session, then call answerQuestion.
 */
export function nextEventQuestion(events: readonly SessionEvent[], scenario: QuestionScenario, after: number): NextEventQuestion | NoQuestion {
  const { proto } = scenario;
  const scope = scopes(events, scenario.steps);
  const at = after === 0 ? -1 : events.findIndex((event) => event.id === after);
  if (after !== 0 && at < 0) return { refused: 'unknown-event' };
  // Before the first event: before the first step, or inside the one long step of a log without steps.
  const here = scope[at] ?? { step: scope[0]?.open ? 0 : -1, open: scope[0]?.open === true };
  if (here.open && here.step >= 0 && stepAnswer(events, scope, here.step, proto) === 'running') return { refused: 'stepping' };
  if (here.open) {
    for (let i = at + 1; i < events.length && scope[i]!.step === here.step && scope[i]!.open; i += 1) {
      const truths = truthsOf(events[i]!, proto);
      if (truths.length === 0) continue;
      const answer = { choice: truths[0]!, truths, eventId: events[i]!.id };
      const situation = situationAt(events, i, proto);
      // The last thing that happened in this step before the answer, else the step's own call.
      const before = events.slice(0, i).findLast((event, j) => scope[j]!.step === here.step && scope[j]!.open && truthsOf(event, proto).length > 0);
      const pool = before ? poolAfterEvent(truthsOf(before, proto)[0]!, situation) : poolForStep(scenario.steps[here.step], situation);
      return withAnswer({ choices: pickChoices(pool, proto, answer), after }, answer);
    }
  }
  const step = here.step + 1;
  const answer = stepAnswer(events, scope, step, proto);
  if (answer === 'running') return { refused: 'stepping' };
  const start = scope.findIndex((s, i) => s.step === step && stepNote(events[i]!, 'step-start'));
  if (answer === undefined && step >= scenario.steps.length) return { refused: 'nothing-next' };
  const situation = situationAt(events, start < 0 ? events.length : start, proto);
  const pool = poolForStep(scenario.steps[step], situation);
  return withAnswer({ choices: pickChoices(pool, proto, answer), after, step }, answer);
}

/** The answer to a question asked before its step ran, once the events hold that step; undefined while they do not. */
export function answerQuestion(events: readonly SessionEvent[], question: NextEventQuestion, proto: Proto): NextEventQuestion | undefined {
  if (question.step === undefined) return question;
  const answer = stepAnswer(events, scopes(events, [question.step]), question.step, proto);
  return answer === undefined || answer === 'running' ? undefined : withAnswer(question, answer);
}
