import { MAX_CLIENT_MESSAGE_BYTES, Scenario, SCENARIO_LIMITS, type ScenarioStep } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { ko } from '../i18n/ko.ts';
import {
  addStep, blankDraft, copyOf, dataOfKind, defaultStep, fieldProblems, fromScenario, moveStep, opsFor, removeStep,
  replaceStep, restoreDraft, sidesFor, stepProblems, switchProto, toScenario, validateDraft, withArg, withCloseSocket,
  withOp, withSide, type Draft, type DraftStep, type Problem,
} from './draft.ts';
import { createEditorStore } from './editor-store.ts';
import { describeProblem, describeStepProblem } from './wording.ts';

const entries = (...steps: ScenarioStep[]): DraftStep[] => steps.map((step, index) => ({ id: index + 1, step }));
const ops = (steps: DraftStep[]) => steps.map((entry) => `${entry.id}:${entry.step.side}:${entry.step.op}`);

const tcpDraft: Draft = {
  name: 'mine', title: 'Mine', description: '', proto: 'tcp', message: 'hello',
  steps: entries(
    { op: 'listen', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'send', side: 'client', data: { text: 'hi' }, conn: 1 },
    { op: 'close', side: 'client', linger: 0 },
  ),
};

const problemsOf = (draft: Draft): Problem[] => {
  const result = validateDraft(draft);
  return result.ok ? [] : result.problems;
};

describe('step edits', () => {
  it('offers each side only the operations it may run', () => {
    expect(sidesFor('listen')).toEqual(['server']);
    expect(sidesFor('connect')).toEqual(['client']);
    expect(sidesFor('send')).toEqual(['client', 'server']);
    expect(opsFor('tcp', 'client')).toEqual(['connect', 'setsockopt', 'send', 'recv', 'shutdown', 'close', 'wait']);
    expect(opsFor('tcp', 'server')).toEqual(['listen', 'accept', 'setsockopt', 'send', 'recv', 'shutdown', 'close', 'wait']);
    expect(opsFor('udp', 'server')).not.toContain('connect');
    expect(opsFor('udp', 'client')).toContain('connect');
  });

  it('fills in a new operation with valid arguments and keeps the data and connection it shares', () => {
    for (const op of [...opsFor('tcp', 'client'), ...opsFor('udp', 'server')]) {
      const proto = opsFor('tcp', sidesFor(op)[0]!).includes(op) ? 'tcp' : 'udp';
      const step = defaultStep(op, sidesFor(op)[0]!, proto);
      expect(Scenario.safeParse({ ...toScenario(tcpDraft), proto, steps: [step] }).success).toBe(true);
    }
    // setsockopt sets an option of the scenario's protocol.
    expect(defaultStep('setsockopt', 'server', 'udp')).toMatchObject({ option: 'SO_RCVBUF' });
    expect(defaultStep('setsockopt', 'client', 'tcp')).toMatchObject({ option: 'TCP_NODELAY', value: 1 });
    const send: ScenarioStep = { op: 'send', side: 'server', data: { bytes: 10 }, conn: 2 };
    expect(withOp(send, 'sendto')).toEqual({ op: 'sendto', side: 'server', data: { bytes: 10 } });
    expect(withOp(send, 'recv')).toEqual({ op: 'recv', side: 'server', conn: 2 });
    // connect only runs on the client: the step moves there.
    expect(withOp(send, 'connect')).toEqual({ op: 'connect', side: 'client' });
  });

  it('moves a step to the other side, changing an op that side cannot run', () => {
    expect(withSide({ op: 'listen', side: 'server' }, 'client', 'tcp')).toEqual({ op: 'connect', side: 'client' });
    expect(withSide({ op: 'connect', side: 'client' }, 'server', 'udp')).toEqual({ op: 'socket', side: 'server' });
    expect(withSide({ op: 'recv', side: 'server', all: true }, 'client', 'tcp')).toEqual({ op: 'recv', side: 'client', all: true });
    // Only a server has a listener to close.
    expect(withSide({ op: 'close', side: 'server', socket: 'listener' }, 'client', 'tcp')).toEqual({ op: 'close', side: 'client' });
  });

  it('sets an argument, and leaves it out when cleared back to its default', () => {
    const listen: ScenarioStep = { op: 'listen', side: 'server' };
    expect(withArg(listen, 'backlog', 2)).toEqual({ op: 'listen', side: 'server', backlog: 2 });
    expect(Object.keys(withArg({ ...listen, backlog: 2 }, 'backlog', undefined))).toEqual(['op', 'side']);
    const close = { op: 'close', side: 'server', conn: 2, linger: 0 } as const;
    expect(withCloseSocket(close, 'listener')).toEqual({ op: 'close', side: 'server', socket: 'listener' });
    expect(withCloseSocket({ op: 'close', side: 'server', socket: 'listener' }, 'connection')).toEqual({ op: 'close', side: 'server' });
    expect(dataOfKind('bytes')).toEqual({ bytes: 1024 });
    expect(dataOfKind('echo')).toBe('echo');
  });

  it('adds, replaces, moves and removes steps by id', () => {
    const added = addStep(tcpDraft.steps, 'tcp');
    expect(ops(added).at(-1)).toBe('5:client:send');
    expect(ops(addStep([], 'udp'))).toEqual(['1:server:bind']);
    expect(ops(addStep([], 'tcp'))).toEqual(['1:server:listen']);
    expect(ops(moveStep(tcpDraft.steps, 3, -1))).toEqual(['1:server:listen', '3:client:send', '2:client:connect', '4:client:close']);
    expect(moveStep(tcpDraft.steps, 1, -1)).toBe(tcpDraft.steps);
    expect(moveStep(tcpDraft.steps, 4, 1)).toBe(tcpDraft.steps);
    expect(ops(removeStep(tcpDraft.steps, 2))).toEqual(['1:server:listen', '3:client:send', '4:client:close']);
    // Ids are never reused while their step exists: a new one follows the highest.
    expect(ops(addStep(removeStep(tcpDraft.steps, 2), 'tcp')).at(-1)).toBe('5:client:send');
    expect(replaceStep(tcpDraft.steps, 2, { op: 'wait', side: 'client', ms: 5 })[1]).toEqual({ id: 2, step: { op: 'wait', side: 'client', ms: 5 } });
  });

  it('switching protocol removes the steps the other cannot run and strips TCP options from close', () => {
    const { steps, removed, adapted } = switchProto(tcpDraft.steps, 'udp');
    expect(ops(removed)).toEqual(['1:server:listen', '3:client:send']);
    expect(adapted).toEqual([{ id: 4, step: { op: 'close', side: 'client' } }]);
    expect(steps).toEqual([{ id: 2, step: { op: 'connect', side: 'client' } }, { id: 4, step: { op: 'close', side: 'client' } }]);
    expect(validateDraft({ ...tcpDraft, proto: 'udp', steps }).ok).toBe(true);
    const same = switchProto(tcpDraft.steps, 'tcp');
    expect(same.removed).toEqual([]);
    expect(same.steps).toEqual(tcpDraft.steps);
    // setsockopt runs in both, but each option on its own protocol's sockets.
    const nodelay = { id: 9, step: { op: 'setsockopt', side: 'client', option: 'TCP_NODELAY', value: 1 } } as const;
    expect(switchProto([nodelay], 'udp').removed).toEqual([nodelay]);
    expect(switchProto([nodelay], 'tcp').removed).toEqual([]);
  });
});

describe('drafts and scenarios', () => {
  it('turns a scenario into a draft and back, unchanged, with the documented field order', () => {
    const scenario = toScenario(tcpDraft);
    expect(toScenario(fromScenario(scenario))).toEqual(scenario);
    expect(Object.keys(scenario)).toEqual(['name', 'title', 'description', 'proto', 'message', 'steps']);
    // A step read from a file in another order is written back op first.
    const shuffled = { ...tcpDraft, steps: entries({ data: 'message', side: 'client', op: 'send' } as ScenarioStep) };
    expect(Object.keys(toScenario(shuffled).steps[0]!)).toEqual(['op', 'side', 'data']);
  });

  it('copies a built-in scenario under a name of its own', () => {
    const copy = copyOf(toScenario({ ...tcpDraft, name: 'x'.repeat(64) }), 'Mine (copy)');
    expect(copy.name).toBe(`${'x'.repeat(59)}-copy`);
    expect(copy.title).toBe('Mine (copy)');
    expect(validateDraft(copy).ok).toBe(true);
    expect(validateDraft(blankDraft('My scenario')).ok).toBe(true);
  });
});

describe('validation', () => {
  it('accepts a valid draft as the scenario the server would accept', () => {
    const result = validateDraft(tcpDraft);
    expect(result).toEqual({ ok: true, scenario: Scenario.parse(toScenario(tcpDraft)) });
  });

  it('places each problem at its field or step, in words', () => {
    const draft: Draft = {
      ...tcpDraft,
      title: '',
      name: 'Not Valid',
      steps: entries(
        { op: 'listen', side: 'server' },
        { op: 'wait', side: 'client', ms: 9000 },
        { op: 'send', side: 'client', data: { text: '' } },
        { op: 'wait', side: 'client', ms: Number.NaN },
        { op: 'send', side: 'client', data: { bytes: 2.5 } },
      ),
    };
    const problems = problemsOf(draft);
    expect(fieldProblems(problems, 'title').map((problem) => describeProblem(problem, en.editor))).toEqual(['required']);
    expect(fieldProblems(problems, 'name').map((problem) => describeProblem(problem, en.editor))).toEqual([en.editor.problems.nameFormat]);
    const step = (index: number) => stepProblems(problems, index).map((problem) => describeStepProblem(problem, en.editor));
    expect(step(0)).toEqual([]);
    expect(step(1)).toEqual([`Milliseconds: at most ${SCENARIO_LIMITS.waitMs}`]);
    expect(step(2)).toEqual(['Text: required']);
    expect(step(3)).toEqual(['Milliseconds: required']);
    expect(step(4)).toEqual(['Byte count: a whole number']);
    expect(stepProblems(problems, 1).map((problem) => describeStepProblem(problem, ko.editor))).toEqual([`밀리초: ${SCENARIO_LIMITS.waitMs} 이하여야 합니다`]);
  });

  it('gives the schema’s own reason for rules across steps, and for text over its byte limit', () => {
    const waits = entries(...Array.from({ length: 5 }, () => ({ op: 'wait', side: 'client', ms: 5000 }) as const));
    const problems = problemsOf({ ...tcpDraft, steps: waits });
    expect(fieldProblems(problems, 'steps').map((problem) => describeProblem(problem, en.editor))).toEqual([
      `waits add up to 25000 ms; at most ${SCENARIO_LIMITS.totalWaitMs} ms`,
    ]);
    expect(problemsOf({ ...tcpDraft, steps: [] }).map((problem) => describeProblem(problem, en.editor))).toEqual(['add at least 1 step']);
    const long = problemsOf({ ...tcpDraft, steps: entries({ op: 'send', side: 'client', data: { text: 'é'.repeat(2049) } }) });
    expect(stepProblems(long, 0).map((problem) => describeStepProblem(problem, en.editor))).toEqual(['Text: at most 4096 bytes']);
    // In Korean, the schema's reasons are said in Korean too.
    expect(fieldProblems(problems, 'steps').map((problem) => describeProblem(problem, ko.editor))).toEqual([
      `대기 시간을 합하면 25000 ms입니다. 최대 ${SCENARIO_LIMITS.totalWaitMs} ms까지입니다`,
    ]);
    expect(stepProblems(long, 0).map((problem) => describeStepProblem(problem, ko.editor))).toEqual(['텍스트: 최대 4096바이트까지입니다']);
    const udp = problemsOf({ ...tcpDraft, proto: 'udp', steps: entries({ op: 'listen', side: 'server' }) });
    expect(udp.map((problem) => describeProblem(problem, ko.editor))).toContain('listen()는 TCP 연산인데 이 시나리오는 UDP입니다');
  });

  it('refuses a scenario that could not be sent in one WebSocket message', () => {
    const texts = entries(...Array.from({ length: 20 }, () => ({ op: 'send', side: 'client', data: { text: 'x'.repeat(4000) } }) as const));
    const problems = problemsOf({ ...tcpDraft, steps: texts });
    expect(problems).toHaveLength(1);
    expect(describeProblem(problems[0]!, en.editor)).toMatch(new RegExp(`^the scenario takes \\d+ bytes to send and the server accepts at most ${MAX_CLIENT_MESSAGE_BYTES}`));
  });
});

describe('the kept draft', () => {
  it('restores what was stored, and refuses what is not a draft', () => {
    const stored = JSON.parse(JSON.stringify(tcpDraft)) as unknown;
    expect(restoreDraft(stored)).toEqual(tcpDraft);
    expect(restoreDraft(null)).toBeNull();
    expect(restoreDraft({ ...tcpDraft, proto: 'sctp' })).toBeNull();
    expect(restoreDraft({ ...tcpDraft, steps: [{ id: 1, step: { op: 'fork', side: 'client' } }] })).toBeNull();
    expect(restoreDraft({ ...tcpDraft, steps: [{ id: 1, step: { op: 'send', side: 'client', data: 7 } }] })).toBeNull();
    expect(restoreDraft({ ...tcpDraft, steps: [...tcpDraft.steps, tcpDraft.steps[0]] })).toBeNull();
    // Values the schema refuses stay: they are the draft's, and validation shows them.
    const cleared = { ...tcpDraft, steps: entries({ op: 'wait', side: 'client', ms: Number.NaN }) };
    expect(restoreDraft(cleared)).toEqual(cleared);
  });
});

describe('the editor store', () => {
  it('opens on the kept draft, and brings back a replaced one', () => {
    const store = createEditorStore({ open: false, draft: null, replaced: null });
    store.getState().openEditor(blankDraft('First'));
    expect(store.getState()).toMatchObject({ open: true, draft: { title: 'First' } });
    store.getState().closeEditor();
    store.getState().openEditor(blankDraft('Second'));
    expect(store.getState().draft?.title).toBe('First');
    store.getState().replaceDraft(tcpDraft);
    expect(store.getState()).toMatchObject({ draft: tcpDraft, replaced: { title: 'First' } });
    store.getState().bringBack();
    expect(store.getState()).toMatchObject({ draft: { title: 'First' }, replaced: tcpDraft });
    store.getState().closeEditor();
    expect(store.getState().replaced).toBeNull();
  });

  it('edits the draft through its actions', () => {
    const store = createEditorStore({ open: true, draft: tcpDraft, replaced: null });
    const { setText, setProto, addStep: add, moveStep: move, removeStep: remove, updateStep } = store.getState();
    setText('title', 'Renamed');
    add();
    move(5, -1);
    remove(1);
    updateStep(2, { op: 'connect', side: 'client', to: 'closed-port' });
    expect(store.getState().draft?.title).toBe('Renamed');
    expect(ops(store.getState().draft!.steps)).toEqual(['2:client:connect', '3:client:send', '5:client:send', '4:client:close']);
    setProto('udp');
    expect(store.getState().draft).toMatchObject({ proto: 'udp', steps: [{ id: 2 }, { id: 4, step: { op: 'close', side: 'client' } }] });
  });
});
