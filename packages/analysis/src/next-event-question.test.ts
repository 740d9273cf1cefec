import type { Choice, SessionEvent } from '@sockscope/protocol';
import { recordedScenario, recordedScenarios, recordedSession } from '@sockscope/recordings/test-sessions';
import { FUZZ } from '@sockscope/wire/test-captures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerQuestion, nextEventQuestion, type NextEventQuestion, type QuestionScenario } from './next-event-question.ts';
import { overlap, quietTruths, sameChoice, truthsOf } from './question-choices.ts';

// The question generator over the built-in scenarios as they ran on the real kernel (with
// capture, and with capture off): at every event, and before every step as if it had not run.

function scenarioOf(name: string): QuestionScenario {
  const definition = recordedSession(name).tracks[0]!.scenario?.definition;
  if (!definition) throw new Error(`${name}'s recording has no scenario definition`);
  return { proto: definition.proto, steps: definition.steps };
}

const isStepNote = (event: SessionEvent | undefined, code: 'step-start' | 'step-end') => event?.kind === 'note' && event.code === code;

/** Whether the event at `index` lies inside a step (between its start and end notes). */
function inStep(events: readonly SessionEvent[], index: number): boolean {
  for (let i = index; i >= 0; i -= 1) {
    if (isStepNote(events[i], 'step-start')) return true;
    if (isStepNote(events[i], 'step-end')) return i === index;
  }
  return false;
}

function asked(events: SessionEvent[], scenario: QuestionScenario, after: number): NextEventQuestion {
  const question = nextEventQuestion(events, scenario, after);
  if ('refused' in question) throw new Error(`refused after ${after}: ${question.refused}`);
  return question;
}

const key = (choice: Choice) => JSON.stringify(choice);

const variants = recordedScenarios().flatMap((name) => (['captured', 'inferred'] as const).map((packets) => [name, packets] as const));

describe('What happens next? over the recorded built-ins', () => {
  it.each(variants)('%s (%s): at every event, 2 to 4 distinct choices, exactly one right, and it is what really came next', (name, packets) => {
    const events = recordedScenario(name, packets);
    const scenario = scenarioOf(name);
    let asks = 0;
    for (const after of [0, ...events.map((event) => event.id)]) {
      const question = nextEventQuestion(events, scenario, after);
      const at = events.findIndex((event) => event.id === after);
      if ('refused' in question) {
        // Only once the last step is over, when nothing follows.
        expect(question.refused, `after ${after}`).toBe('nothing-next');
        expect(events.slice(at + 1).some((event, i) => inStep(events, at + 1 + i) && truthsOf(event, scenario.proto).length > 0)).toBe(false);
        expect(events.filter((event) => isStepNote(event, 'step-start')).length).toBe(scenario.steps.length);
        continue;
      }
      asks += 1;
      const { choices, answer, right } = question;
      expect(choices.length).toBeGreaterThanOrEqual(2);
      expect(choices.length).toBeLessThanOrEqual(4);
      expect(new Set(choices.map(key)).size).toBe(choices.length);
      expect(answer, `after ${after}`).toBeDefined();
      const index = events.findIndex((event) => event.id === answer!.eventId);
      const truths = answer!.choice.key === 'blocks' || answer!.choice.key === 'nothing' ? quietTruths(
        answer!.choice.key === 'blocks' ? { side: answer!.choice.side!, fn: answer!.choice.fn!, connecting: false } : undefined,
      ) : truthsOf(events[index]!, scenario.proto);
      const trueOnes = choices.filter((choice) => truths.some((truth) => sameChoice(truth, choice)));
      expect(trueOnes, `after ${after}: ${choices.map(key).join(' ')}`).toHaveLength(1);
      expect(choices[right!]).toEqual(trueOnes[0]);
      if (truths[0]!.key === 'nothing' || truths[0]!.key === 'blocks') {
        // A quiet step: nothing in it is a packet, a call's news or a drop.
        const step = question.step!;
        const start = events.findIndex((event) => event.kind === 'note' && event.code === 'step-start' && event.step?.index === step);
        const end = events.findIndex((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === step);
        expect(events.slice(start, end).every((event) => truthsOf(event, scenario.proto).length === 0)).toBe(true);
      } else {
        // The real next event: nothing that counts happens inside a step between the cursor and it.
        expect(index).toBeGreaterThan(at);
        expect(answer!.choice).toEqual(truths[0]);
        const between = events.slice(at + 1, index).filter((event, i) => inStep(events, at + 1 + i) && truthsOf(event, scenario.proto).length > 0);
        expect(between.map((event) => event.id), `after ${after}`).toEqual([]);
      }
    }
    expect(asks).toBeGreaterThan(events.length / 2);
  });

  it.each(variants)('%s (%s): asked before each step runs, the choices hold what the step then did', (name, packets) => {
    const events = recordedScenario(name, packets);
    const scenario = scenarioOf(name);
    const starts = events.filter((event) => isStepNote(event, 'step-start'));
    for (const [index, start] of starts.entries()) {
      // The log as it was before the step: what had arrived by then.
      const before = events.filter((event) => event.id < start.id);
      const question = asked(before, scenario, before.at(-1)?.id ?? 0);
      expect(question.step).toBe(index);
      expect(question.answer).toBeUndefined();
      expect(answerQuestion(before, question, scenario.proto)).toBeUndefined();
      const revealed = answerQuestion(events, question, scenario.proto);
      expect(revealed?.right, `step ${index} (${scenario.steps[index]!.op}): ${question.choices.map(key).join(' ')}; it was ${key(revealed!.answer!.choice)}`)
        .not.toBeNull();
      expect(revealed?.choices).toEqual(question.choices);
    }
  });
});

describe('What happens next? in particular', () => {
  const ask = (name: string, find: (event: SessionEvent) => boolean) => {
    const events = recordedScenario(name);
    const question = asked(events, scenarioOf(name), events.find(find)!.id);
    return { ...question, rightChoice: question.choices[question.right!], keys: question.choices.map((c) => `${c.key}${c.side ? ` ${c.side}` : ''}`) };
  };
  const syn = (event: SessionEvent) => event.kind === 'segment' && event.flags.join() === 'SYN';

  it('after a SYN: the server\'s kernel answers with SYN-ACK, or RST where nothing listens', () => {
    const echo = ask('tcp-echo', syn);
    expect(echo.rightChoice).toEqual({ key: 'syn-ack', side: 'server' });
    expect(echo.keys).toContain('rst server');
    expect(echo.keys).toContain('nothing');
    const refused = ask('connection-refused', syn);
    expect(refused.rightChoice).toEqual({ key: 'rst', side: 'server' });
    expect(refused.keys).toContain('syn-ack server');
  });

  it('a UDP datagram to a closed port: ICMP port unreachable; nothing and an RST are offered', () => {
    const question = ask('udp-closed-port', (event) => event.kind === 'datagram');
    expect(question.rightChoice).toEqual({ key: 'icmp-unreachable', side: 'server' });
    expect(question.keys).toEqual(expect.arrayContaining(['nothing', 'rst server']));
  });

  it('a UDP connect(): nothing at all, for UDP has no handshake; a SYN is offered', () => {
    const events = recordedScenario('udp-closed-port');
    const socketDone = events.find((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === 0)!;
    const question = asked(events, scenarioOf('udp-closed-port'), socketDone.id);
    expect(question.step).toBe(1);
    expect(question.choices[question.right!]).toEqual({ key: 'nothing' });
    expect(question.choices).toContainEqual({ key: 'syn', side: 'client' });
  });

  it('close() with SO_LINGER 0 sends RST, not FIN; a plain close() sends FIN', () => {
    const stepStart = (index: number) => (event: SessionEvent) => event.kind === 'note' && event.code === 'step-start' && event.step?.index === index;
    const abortive = ask('abortive-close', stepStart(7));
    expect(abortive.rightChoice).toEqual({ key: 'rst', side: 'client' });
    expect(abortive.keys).toContain('fin client');
    const echo = ask('tcp-echo', stepStart(7));
    expect(echo.rightChoice).toEqual({ key: 'fin', side: 'client' });
  });

  it('a recv() after the peer\'s FIN returns 0 (end of file); a SYN the full accept queue drops is sent again', () => {
    const stepStart = (index: number) => (event: SessionEvent) => event.kind === 'note' && event.code === 'step-start' && event.step?.index === index;
    expect(ask('tcp-echo', stepStart(8)).rightChoice).toEqual({ key: 'eof', side: 'server' });
    expect(ask('backlog-full', stepStart(5)).rightChoice).toEqual({ key: 'retransmission', side: 'client' });
  });

  it('asks about a recording without steps (an imported capture): the next packet', () => {
    const events = recordedScenario('tcp-echo').filter((event) => event.kind === 'segment');
    const question = asked(events, { proto: 'tcp', steps: [] }, events[0]!.id);
    expect(question.choices[question.right!]).toEqual({ key: 'syn-ack', side: 'server' });
    expect(nextEventQuestion(events, { proto: 'tcp', steps: [] }, events.at(-1)!.id)).toEqual({ refused: 'nothing-next' });
  });
});

describe('What happens next? on logs no built-in made', () => {
  // A written scenario's or an imported recording's log: any events, any steps, any cursor.
  it('asks 2 to 4 choices no one event makes true together, with the answer among them, or says why it cannot', () => {
    const names = recordedScenarios();
    const logs = names.map((name) => recordedScenario(name));
    fc.assert(fc.property(
      fc.nat(names.length - 1), fc.nat(names.length - 1), fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }), fc.nat(), fc.boolean(),
      (logIndex, scenarioIndex, keep, cursor, stepless) => {
        const events = logs[logIndex]!.filter((_, i) => keep[i % keep.length]);
        const scenario = stepless ? { proto: scenarioOf(names[scenarioIndex]!).proto, steps: [] } : scenarioOf(names[scenarioIndex]!);
        const after = cursor % 3 === 0 ? 0 : (events[cursor % Math.max(1, events.length)]?.id ?? 0);
        const question = nextEventQuestion(events, scenario, after);
        if ('refused' in question) return;
        expect(question.choices.length).toBeGreaterThanOrEqual(2);
        expect(question.choices.length).toBeLessThanOrEqual(4);
        question.choices.forEach((a, i) => question.choices.forEach((b, j) => expect(i === j || !overlap(a, b)).toBe(true)));
        if (question.answer) expect(question.right).not.toBeNull();
        else expect(question.step).toBeDefined();
      },
    ), FUZZ);
  });
});
