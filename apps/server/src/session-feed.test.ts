import { SessionLog } from '@sockscope/engine';
import type { NewEvent, SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { EVENTS_PER_MESSAGE, SessionFeeds } from './session-feed.ts';

const note = (t: number): NewEvent => ({ kind: 'note', source: 'traced', t, code: 'step-start', level: 'info', text: `at ${t}` });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A viewer that keeps what it is sent, as text and as the ids it carries. */
function viewer() {
  const texts: string[] = [];
  const sent: Buffer[] = [];
  return {
    texts,
    sent,
    send: (data: Buffer) => { sent.push(data); texts.push(data.toString('utf8')); },
    ids: () => texts.flatMap((text) => (JSON.parse(text) as { events: SessionEvent[] }).events.map((event) => event.id)),
  };
}

describe('a session feed', () => {
  it('sends each viewer every event once, in order, with one serialisation per batch shared by all', async () => {
    const log = new SessionLog();
    const feeds = new SessionFeeds();
    log.append(note(1));
    const [a, b, late] = [viewer(), viewer(), viewer()];
    const leaveA = feeds.join('s1', log, 0, a.send);
    feeds.join('s1', log, 1, b.send);
    log.append(note(2));
    log.append(note(3));
    // Joins while a batch gathers: its backlog holds 2 and 3; the batch must not repeat them.
    feeds.join('s1', log, 0, late.send);
    log.append(note(4));
    await nextTurn();
    expect(a.ids()).toEqual([1, 2, 3, 4]);
    expect(b.ids()).toEqual([2, 3, 4]);
    expect(late.ids()).toEqual([1, 2, 3, 4]);
    // The batch 2–4 went to a and b as the very same bytes.
    expect(a.sent.at(-1)).toBe(b.sent.at(-1));

    leaveA();
    log.append(note(5));
    await nextTurn();
    expect(a.ids()).toEqual([1, 2, 3, 4]);
    expect(b.ids()).toEqual([2, 3, 4, 5]);
  });

  it('splits a long backlog into messages of at most EVENTS_PER_MESSAGE events', () => {
    const log = new SessionLog();
    for (let i = 0; i < EVENTS_PER_MESSAGE * 2 + 5; i += 1) log.append(note(i));
    const v = viewer();
    new SessionFeeds().join('s1', log, 0, v.send);
    expect(v.texts.map((text) => (JSON.parse(text) as { events: unknown[] }).events.length)).toEqual([EVENTS_PER_MESSAGE, EVENTS_PER_MESSAGE, 5]);
  });
});
