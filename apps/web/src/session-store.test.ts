import type { ServerMessage, SessionEvent, SessionInfo } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import {
  applyServerMessage, initialData, lastEventId, selectCanPause, selectCanReset, selectCanStep, type SessionData,
} from './session-store.ts';

function session(id: string, overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id, scenario: 'tcp-echo', title: 'TCP echo', proto: 'tcp', message: 'hello',
    capture: { mode: 'pcap' }, status: 'ready', nextStep: 0,
    steps: [{ index: 0, side: 'server', label: 'server: listen()' }, { index: 1, side: 'client', label: 'client: connect()' }],
    lastEventId: 0, ...overrides,
  };
}

function note(id: number, t: number): SessionEvent {
  return { id, t, source: 'traced', kind: 'note', code: 'step-start', level: 'info', text: `event ${id}` };
}

const sessionMessage = (info: SessionInfo, requestId?: string): ServerMessage =>
  ({ v: 1, type: 'session', session: info, ...(requestId && { requestId }) });
const eventsMessage = (sessionId: string, events: SessionEvent[]): ServerMessage =>
  ({ v: 1, type: 'events', sessionId, events });

function fold(state: SessionData, ...messages: ServerMessage[]): SessionData {
  return messages.reduce(applyServerMessage, state);
}

const opening = (places: number, awaiting: Record<string, number>): SessionData =>
  ({ ...initialData, connection: 'open', shown: Array.from({ length: places }, () => null), awaiting });

/** A page connected and showing session `a`, adopted as the reply to request r1. */
const showingA = fold(opening(1, { r1: 0 }), sessionMessage(session('a'), 'r1'));
const ids = (state: SessionData, id = 'a') => state.sessions[id]?.events.map((event) => event.id);

describe('applyServerMessage', () => {
  it('takes from the welcome whether this browser is on the server\'s machine, keeping what the welcome leaves out', () => {
    const welcome = (thisMachine?: boolean): ServerMessage => ({ v: 1, type: 'welcome', serverVersion: 't', ...(thisMachine !== undefined && { thisMachine }) });
    expect(initialData.thisMachine).toBe(true);
    const elsewhere = fold(initialData, welcome(false));
    expect(elsewhere.thisMachine).toBe(false);
    expect(fold(elsewhere, welcome()).thisMachine).toBe(false);
    expect(fold(elsewhere, welcome(true)).thisMachine).toBe(true);
  });

  it('adopts the session that answers the awaited request, in its place', () => {
    expect(showingA.shown).toEqual(['a']);
    expect(showingA.awaiting).toEqual({});
  });

  it('merges events without duplicates when the same batch arrives twice', () => {
    const batch = eventsMessage('a', [note(1, 10), note(2, 20)]);
    const once = fold(showingA, batch);
    const twice = applyServerMessage(once, batch);
    expect(ids(twice)).toEqual([1, 2]);
    expect(twice).toBe(once);
  });

  it('keeps events that overlap a resumed subscription once each', () => {
    const state = fold(showingA, eventsMessage('a', [note(1, 10), note(2, 20)]), eventsMessage('a', [note(2, 20), note(3, 30), note(3, 30)]));
    expect(ids(state)).toEqual([1, 2, 3]);
    expect(lastEventId(state.sessions.a!)).toBe(3);
  });

  it('orders events by t, not by id', () => {
    const state = fold(
      showingA,
      eventsMessage('a', [note(1, 10), note(2, 30), note(3, 20)]),
      eventsMessage('a', [note(4, 15)]), // a late packet: logged last, happened second
    );
    expect(ids(state)).toEqual([1, 4, 3, 2]);
    // The highest id is not the last drawn: a resumed subscription starts after it all the same, and it is not sent again.
    expect(lastEventId(state.sessions.a!)).toBe(4);
    expect(ids(fold(state, eventsMessage('a', [note(4, 15), note(5, 40)])))).toEqual([1, 4, 3, 2, 5]);
  });

  it('ignores events and updates of sessions it does not show', () => {
    const state = fold(showingA, eventsMessage('zzz', [note(1, 1)]), sessionMessage(session('zzz')));
    expect(state).toBe(showingA);
  });

  it('replaces a reset session with its successor in the same place, dropping the old events', () => {
    const withEvents = fold(showingA, eventsMessage('a', [note(1, 10)]));
    const replaced = fold(withEvents, sessionMessage(session('a', { status: 'closed', replacedBy: 'b' })), sessionMessage(session('b')));
    expect(replaced.shown).toEqual(['b']);
    expect(replaced.sessions.a).toBeUndefined();
    expect(ids(replaced, 'b')).toEqual([]);
  });

  it('fills two places for a comparison, whichever reply comes first', () => {
    const state = fold(opening(2, { r1: 0, r2: 1 }), sessionMessage(session('u', { scenario: 'udp-echo' }), 'r2'));
    expect(state.shown).toEqual([null, 'u']);
    expect(selectCanStep(state)).toBe(false);
    const both = fold(state, sessionMessage(session('t'), 'r1'));
    expect(both.shown).toEqual(['t', 'u']);
    expect(selectCanStep(both)).toBe(true);
  });

  it('stores server errors and forgets the request they answer', () => {
    const state = fold(opening(1, { r1: 0 }), { v: 1, type: 'error', code: 'unknown-scenario', message: 'unknown scenario "x"', requestId: 'r1' });
    expect(state.error).toEqual({ code: 'unknown-scenario', message: 'unknown scenario "x"' });
    expect(state.awaiting).toEqual({});
  });
});

describe('what the controls allow', () => {
  it('allows Step while ready with steps left, Pause while running, Reset until closed', () => {
    expect(selectCanStep(showingA)).toBe(true);
    const running = fold(showingA, sessionMessage(session('a', { status: 'running' })));
    expect(selectCanStep(running)).toBe(false);
    expect(selectCanPause(running)).toBe(true);
    const finished = fold(showingA, sessionMessage(session('a', { status: 'finished', nextStep: 2 })));
    expect(selectCanStep(finished)).toBe(false);
    expect(selectCanReset(finished)).toBe(true);
    expect(selectCanStep({ ...showingA, connection: 'reconnecting' })).toBe(false);
  });
});
