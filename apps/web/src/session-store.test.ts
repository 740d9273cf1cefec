import type { ServerMessage, SessionEvent, SessionInfo } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import {
  applyServerMessage, initialData, selectCanPause, selectCanReset, selectCanRun, selectCanStep,
  selectLastEventId, type SessionData,
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

/** A page connected and showing session `a`, adopted as the reply to request r1. */
const showingA = fold({ ...initialData, connection: 'open', awaitingSession: 'r1' }, sessionMessage(session('a'), 'r1'));

const ids = (state: SessionData) => state.events.map((event) => event.id);

describe('applyServerMessage', () => {
  it('adopts the session that answers the awaited request', () => {
    expect(showingA.session?.id).toBe('a');
    expect(showingA.awaitingSession).toBeNull();
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
    expect(selectLastEventId(state)).toBe(3);
  });

  it('orders events by t, not by id', () => {
    const state = fold(
      showingA,
      eventsMessage('a', [note(1, 10), note(2, 30), note(3, 20)]),
      eventsMessage('a', [note(4, 15)]), // a late packet: logged last, happened second
    );
    expect(ids(state)).toEqual([1, 4, 3, 2]);
    expect(selectLastEventId(state)).toBe(4);
  });

  it('breaks ties in t by id', () => {
    const state = fold(showingA, eventsMessage('a', [note(2, 10), note(1, 10)]));
    expect(ids(state)).toEqual([1, 2]);
  });

  it('ignores events of a session it does not show', () => {
    expect(applyServerMessage(showingA, eventsMessage('other', [note(1, 10)]))).toBe(showingA);
  });

  it('updates the shown session in place, keeping its events', () => {
    const state = fold(showingA, eventsMessage('a', [note(1, 10)]), sessionMessage(session('a', { status: 'stepping' })));
    expect(state.session?.status).toBe('stepping');
    expect(ids(state)).toEqual([1]);
  });

  describe('reset', () => {
    const withEvents = fold({ ...showingA, awaitingSession: 'r2' }, eventsMessage('a', [note(1, 10)]));
    const closedA = session('a', { status: 'closed', replacedBy: 'b' });

    it('replaces the session when the old one closes before the reply', () => {
      const closed = fold(withEvents, sessionMessage(closedA));
      expect(closed.session?.status).toBe('closed');
      const replaced = fold(closed, sessionMessage(session('b'), 'r2'));
      expect(replaced.session?.id).toBe('b');
      expect(replaced.events).toEqual([]);
      expect(replaced.awaitingSession).toBeNull();
    });

    it('replaces the session when the reply comes first, and ignores the old one after', () => {
      const state = fold(withEvents, sessionMessage(session('b'), 'r2'), sessionMessage(closedA), eventsMessage('a', [note(2, 20)]));
      expect(state.session?.id).toBe('b');
      expect(state.events).toEqual([]);
    });

    it('follows a replacement announced by the old session even without a reply', () => {
      const state = fold({ ...withEvents, awaitingSession: null }, sessionMessage(closedA), sessionMessage(session('b')));
      expect(state.session?.id).toBe('b');
    });

    it('does not adopt a session nobody asked for', () => {
      expect(applyServerMessage(showingA, sessionMessage(session('stranger')))).toBe(showingA);
    });
  });

  it('stores server errors and stops waiting for a request that failed', () => {
    const waiting = { ...showingA, awaitingSession: 'r3' };
    const state = applyServerMessage(waiting, {
      v: 1, type: 'error', requestId: 'r3', code: 'unknown-scenario', message: 'no scenario "nope"',
    });
    expect(state.error).toEqual({ code: 'unknown-scenario', message: 'no scenario "nope"' });
    expect(state.awaitingSession).toBeNull();
    expect(state.session?.id).toBe('a');
  });

  it('keeps waiting when an unrelated request fails', () => {
    const waiting = { ...showingA, awaitingSession: 'r3' };
    const state = applyServerMessage(waiting, { v: 1, type: 'error', code: 'rate-limited', message: 'slow down' });
    expect(state.error?.code).toBe('rate-limited');
    expect(state.awaitingSession).toBe('r3');
  });

  it('stores the scenario list', () => {
    const scenarios = [{ name: 'tcp-echo', title: 'TCP echo', description: '', proto: 'tcp' as const, message: 'hello', steps: [] }];
    expect(applyServerMessage(initialData, { v: 1, type: 'scenarios', scenarios }).scenarios).toEqual(scenarios);
  });
});

describe('command selectors', () => {
  const at = (overrides: Partial<SessionInfo>, connection: SessionData['connection'] = 'open'): SessionData =>
    ({ ...showingA, connection, session: session('a', overrides) });

  it('allows Step and Run only when ready with steps left', () => {
    expect(selectCanStep(at({}))).toBe(true);
    expect(selectCanRun(at({}))).toBe(true);
    for (const status of ['stepping', 'running', 'finished', 'failed', 'closed'] as const) {
      expect(selectCanStep(at({ status }))).toBe(false);
      expect(selectCanRun(at({ status }))).toBe(false);
    }
    expect(selectCanStep(at({ nextStep: 2 }))).toBe(false);
  });

  it('allows Pause only while running', () => {
    expect(selectCanPause(at({ status: 'running' }))).toBe(true);
    expect(selectCanPause(at({ status: 'ready' }))).toBe(false);
  });

  it('allows Reset on any session not yet closed', () => {
    expect(selectCanReset(at({ status: 'finished' }))).toBe(true);
    expect(selectCanReset(at({ status: 'closed' }))).toBe(false);
    expect(selectCanReset(initialData)).toBe(false);
  });

  it('allows nothing while disconnected', () => {
    const down = at({ status: 'running' }, 'reconnecting');
    expect([selectCanStep(down), selectCanRun(down), selectCanPause(down), selectCanReset(down)]).toEqual([false, false, false, false]);
  });
});
