import { layoutLadder } from '@sockscope/ladder';
import type { Question } from '@sockscope/protocol';
import { recordedScenario } from '@sockscope/recordings/test-sessions';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { ko } from '../i18n/ko.ts';
import { useQuestionStore } from './question-store.ts';
import { rowOfEvent } from './reveal-row.ts';

const store = () => useQuestionStore.getState();
const question = (id: string, chosen?: number): Question => ({
  id, sessionId: 's', after: 3, choices: [{ key: 'syn', side: 'client' }, { key: 'nothing' }], ...(chosen !== undefined && { chosen }),
});

describe('the question store', () => {
  beforeEach(() => useQuestionStore.setState(useQuestionStore.getInitialState(), true));

  it('keeps the answer and tally of the open question, and ignores those of another', () => {
    store().receive({ v: 1, type: 'question', question: question('q1') });
    store().choose(1);
    store().receive({ v: 1, type: 'tally', sessionId: 's', questionId: 'q1', answers: 1, counts: [0, 1] });
    store().receive({ v: 1, type: 'tally', sessionId: 's', questionId: 'old', answers: 9, counts: [9, 0] });
    // A resubscription brings the same question again: nothing is lost.
    store().receive({ v: 1, type: 'question', question: question('q1') });
    expect(store()).toMatchObject({ chosen: 1, tally: { answers: 1, counts: [0, 1] }, revealed: null });
    store().receive({ v: 1, type: 'revealed', sessionId: 's', questionId: 'q1', right: 0, answer: { key: 'syn', side: 'client' }, eventId: 23 });
    expect(store().revealed).toEqual({ right: 0, answer: { key: 'syn', side: 'client' }, eventId: 23 });
    // Revealed: the answer no longer changes.
    store().choose(0);
    expect(store().chosen).toBe(1);
  });

  it('takes a new question fresh, with the answer the server remembers for this page', () => {
    store().receive({ v: 1, type: 'question', question: question('q1') });
    store().choose(0);
    store().receive({ v: 1, type: 'question', question: question('q2', 1) });
    expect(store()).toMatchObject({ question: { id: 'q2' }, chosen: 1, tally: null, revealed: null });
  });
});

describe('the revealed event\'s row', () => {
  const events = recordedScenario('tcp-echo');
  const { rows } = layoutLadder(events, { timeMode: 'event', zoom: 1 });

  it('is the row that draws it, or the last one before an event drawn on none', () => {
    const synAck = events.find((event) => event.kind === 'segment' && event.flags.join() === 'SYN,ACK')!;
    expect(rows[rowOfEvent(rows, events, synAck.id)!]!.eventIds).toContain(synAck.id);
    const stepEnd = events.find((event) => event.kind === 'note' && event.code === 'step-end')!;
    const row = rowOfEvent(rows, events, stepEnd.id)!;
    expect(rows[row]!.tUs).toBeLessThanOrEqual(stepEnd.t);
    expect(rows[row + 1]!.tUs).toBeGreaterThan(stepEnd.t);
    expect(rowOfEvent(rows, events, 10_000)).toBeUndefined();
  });
});

describe('the choices\' words', () => {
  it('say every meaning in English and Korean', () => {
    expect(en.question.choice({ key: 'syn-ack', side: 'server' })).toBe("The server's kernel answers with SYN-ACK");
    expect(en.question.choice({ key: 'eof', side: 'server' })).toBe("The server's recv() returns 0: end of file");
    expect(ko.question.choice({ key: 'error', side: 'client', fn: 'connect', errno: 'ECONNREFUSED' })).toBe('클라이언트의 connect()가 ECONNREFUSED로 실패한다');
    expect(ko.question.answers(3)).toBe('3명 답함');
  });
});
