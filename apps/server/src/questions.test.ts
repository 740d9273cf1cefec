import type { AddressInfo } from 'node:net';
import { byDrawingOrder, type Choice } from '@sockscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

// A teacher asks "What happens next?" of a real tcp-echo session; students answer over real WebSockets.
let sockscope: SockscopeServer;
let port: number;

beforeAll(async () => {
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off' }), { serverVersion: 'test' });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

async function step(client: TestClient, sessionId: string, nextStep: number): Promise<void> {
  const from = client.received.length;
  client.send({ type: 'step', sessionId });
  await client.next('session', (m) => m.session.nextStep === nextStep && m.session.status !== 'stepping', from);
}

async function watch(sessionId: string): Promise<TestClient> {
  const student = await TestClient.connect(port);
  student.send({ type: 'subscribe', sessionId, afterId: 0, requestId: 'watch' });
  await student.next('session', (m) => m.requestId === 'watch');
  return student;
}

const indexOf = (choices: Choice[], wanted: Choice) => choices.findIndex((c) => JSON.stringify(c) === JSON.stringify(wanted));

describe('What happens next?', () => {
  it('is asked by the presenter alone, counted per client, and revealed by stepping when the answer has yet to happen', async () => {
    const teacher = await TestClient.connect(port);
    teacher.send({ type: 'create-session', scenario: 'tcp-echo', requestId: 'new' });
    const sessionId = (await teacher.next('session', (m) => m.requestId === 'new')).session.id;
    teacher.send({ type: 'subscribe', sessionId, afterId: 0 });
    await step(teacher, sessionId, 1);
    await step(teacher, sessionId, 2);
    const [ada, bo] = [await watch(sessionId), await watch(sessionId)];

    // A student can neither ask nor reveal.
    ada.send({ type: 'ask', sessionId, after: 0, requestId: 'ask' });
    expect((await ada.next('error', (m) => m.requestId === 'ask')).code).toBe('not-presenter');

    // The teacher's cursor is on the last event: the question is about the next step, client: connect().
    const after = Math.max(...teacher.events.map((event) => event.id));
    teacher.send({ type: 'ask', sessionId, after });
    const { question } = await ada.next('question');
    expect((await bo.next('question')).question).toEqual(question);
    expect(question.step).toEqual({ index: 2, label: 'client: connect()' });
    const syn = indexOf(question.choices, { key: 'syn', side: 'client' });
    expect(syn).toBeGreaterThanOrEqual(0);
    const wrong = syn === 0 ? 1 : 0;

    // One answer per client: Ada changes her mind, Bo answers once; the teacher sees the live tally.
    ada.send({ type: 'answer', sessionId, questionId: question.id, choice: wrong });
    await teacher.next('tally', (m) => m.answers === 1);
    ada.send({ type: 'answer', sessionId, questionId: question.id, choice: syn });
    bo.send({ type: 'answer', sessionId, questionId: question.id, choice: syn });
    const tally = await teacher.next('tally', (m) => m.answers === 2);
    expect(tally.counts[syn]).toBe(2);
    expect(tally.counts.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(ada.received.some((m) => m.type === 'tally')).toBe(false);
    bo.send({ type: 'answer', sessionId, questionId: question.id, choice: 3 + question.choices.length, requestId: 'bad' });
    expect((await bo.next('error', (m) => m.requestId === 'bad')).code).toBe('bad-message');

    // A student who joins now is asked too, and one who reconnects sees the answer it gave.
    const late = await watch(sessionId);
    expect((await late.next('question')).question.id).toBe(question.id);
    const from = ada.received.length;
    ada.send({ type: 'subscribe', sessionId, afterId: 0 });
    expect((await ada.next('question', () => true, from)).question.chosen).toBe(syn);

    // Reveal: the step runs (through the session's own step), and every page learns the right choice and its event.
    ada.send({ type: 'reveal', sessionId, questionId: question.id, requestId: 'peek' });
    expect((await ada.next('error', (m) => m.requestId === 'peek')).code).toBe('not-presenter');
    teacher.send({ type: 'reveal', sessionId, questionId: question.id });
    const revealed = await bo.next('revealed');
    expect(revealed).toMatchObject({ questionId: question.id, right: syn, answer: { key: 'syn', side: 'client' } });
    await teacher.next('session', (m) => m.session.nextStep === 3 && m.session.status === 'ready');
    const event = teacher.events.find((e) => e.id === revealed.eventId);
    expect(event).toMatchObject({ kind: 'segment', from: 'client', flags: ['SYN'] });
    expect((await late.next('revealed')).eventId).toBe(revealed.eventId);

    // Asked about an event already logged (the cursor back on the SYN), the reveal does not step.
    teacher.send({ type: 'ask', sessionId, after: revealed.eventId });
    const again = (await ada.next('question', (m) => m.question.id !== question.id)).question;
    expect(again.step).toBeUndefined();
    teacher.send({ type: 'reveal', sessionId, questionId: again.id });
    const next = await ada.next('revealed', (m) => m.questionId === again.id);
    expect(again.choices[next.right!]).toEqual(next.answer);
    // With capture off the packets are inferred from the calls, so the SYN-ACK or accept()'s return may come first.
    const [synEvent, nextEvent] = [revealed.eventId, next.eventId].map((id) => teacher.events.find((e) => e.id === id)!);
    expect(byDrawingOrder(synEvent!, nextEvent!)).toBeLessThan(0);
    if (next.answer.key === 'syn-ack') expect(nextEvent).toMatchObject({ kind: 'segment', from: 'server', flags: ['SYN', 'ACK'] });
    else expect(nextEvent).toMatchObject({ kind: 'call', side: 'server', fn: 'accept', phase: 'return' });
    expect(teacher.received.filter((m) => m.type === 'session').at(-1)).toMatchObject({ session: { nextStep: 3 } });

    // The question is gone once revealed.
    bo.send({ type: 'answer', sessionId, questionId: again.id, choice: 0, requestId: 'late' });
    expect((await bo.next('error', (m) => m.requestId === 'late')).code).toBe('no-question');
    await Promise.all([teacher, ada, bo, late].map((client) => client.close()));
  });

  it('refuses a question about an event the session does not have, and one where nothing follows', async () => {
    const teacher = await TestClient.connect(port);
    teacher.send({ type: 'create-session', scenario: 'connection-refused', requestId: 'new' });
    const sessionId = (await teacher.next('session', (m) => m.requestId === 'new')).session.id;
    teacher.send({ type: 'subscribe', sessionId, afterId: 0 });
    teacher.send({ type: 'ask', sessionId, after: 99_999, requestId: 'unknown' });
    expect(await teacher.next('error', (m) => m.requestId === 'unknown')).toMatchObject({ code: 'no-question', message: 'the session has no event 99999' });
    for (let next = 1; next <= 3; next += 1) await step(teacher, sessionId, next);
    await teacher.next('session', (m) => m.session.status === 'finished');
    const last = Math.max(...teacher.events.map((event) => event.id));
    teacher.send({ type: 'ask', sessionId, after: last, requestId: 'end' });
    expect((await teacher.next('error', (m) => m.requestId === 'end')).code).toBe('no-question');
    await teacher.close();
  });
});
