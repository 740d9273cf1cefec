import { describeScenario, type Scenario } from '@sockscope/protocol';
import { recordedScenario, recordedSession } from '@sockscope/recordings/test-sessions';
import { describe, expect, it } from 'vitest';
import { alignSteps, meaningKey, stepsOfEvents, type StepLike } from './compare-align.ts';

const known = new Map<string, StepLike[]>();
function stepsOf(name: string): StepLike[] {
  if (!known.has(name)) known.set(name, recordedSession(name).tracks[0]!.scenario!.steps);
  return known.get(name)!;
}
/** The slots as the labels they pair: `left | right`, `—` where a ladder leaves a gap. */
function pairs(left: readonly StepLike[], right: readonly StepLike[]): string[] {
  return alignSteps(left.map(meaningKey), right.map(meaningKey))
    .map((slot) => `${slot.left === undefined ? '—' : left[slot.left]!.label} | ${slot.right === undefined ? '—' : right[slot.right]!.label}`);
}

describe('meaning keys', () => {
  it('give TCP and UDP calls that do the same thing the same key, on the same side', () => {
    const key = (side: string, label: string) => meaningKey({ side, label });
    expect(key('server', 'server: listen()')).toBe(key('server', 'server: bind()'));
    expect(key('client', 'client #2: send() "hel"')).toBe(key('client', 'client: sendto() (message) ×20'));
    expect(key('server', 'server: recv() until end of file')).toBe(key('server', 'server: recvfrom()'));
    expect(key('client', 'client: recv()')).not.toBe(key('server', 'server: recv()'));
    expect(key('server', 'server: close() (listener)')).not.toBe(key('server', 'server: close()'));
    expect(key('client', 'client: connect() to a closed port')).toBe(key('client', 'client: connect()'));
    expect(key('client', 'a label that names no call')).toBe('client a label that names no call');
  });
});

describe('lining up two scenarios by meaning', () => {
  it('TCP echo beside UDP echo: connect() and accept() face nothing, send() faces sendto(), close() faces close()', () => {
    expect(pairs(stepsOf('tcp-echo'), stepsOf('udp-echo'))).toEqual([
      'server: listen() | server: bind()',
      'server: accept() | —',
      'client: connect() | —',
      'server: recv() | server: recvfrom()',
      '— | client: socket()',
      'client: send() (message) | client: sendto() (message)',
      'client: recv() | client: recvfrom()',
      'server: send() (echo) | server: sendto() (echo)',
      'client: close() | client: close()',
      'server: recv() | —',
      'server: close() | server: close()',
      'server: close() (listener) | —',
    ]);
  });

  it("lines a UDP connect() up with TCP's connect()", () => {
    const slots = pairs(stepsOf('udp-closed-port'), stepsOf('tcp-echo'));
    expect(slots).toContain('client: connect() to a closed port | client: connect()');
    expect(slots).toContain('client: sendto() (message) | client: send() (message)');
  });

  it('keeps every step once, in its own order, for every pair of built-in scenarios', () => {
    const names = ['tcp-echo', 'udp-echo', 'half-close', 'backlog-full', 'udp-overflow', 'connection-refused'];
    for (const a of names) for (const b of names) {
      const slots = alignSteps(stepsOf(a).map(meaningKey), stepsOf(b).map(meaningKey));
      expect(slots.flatMap((slot) => (slot.left === undefined ? [] : [slot.left])), `${a} | ${b}`).toEqual(stepsOf(a).map((_, index) => index));
      expect(slots.flatMap((slot) => (slot.right === undefined ? [] : [slot.right])), `${a} | ${b}`).toEqual(stepsOf(b).map((_, index) => index));
      for (const slot of slots) {
        if (slot.left !== undefined && slot.right !== undefined) expect(meaningKey(stepsOf(a)[slot.left]!)).toBe(meaningKey(stepsOf(b)[slot.right]!));
      }
    }
  });

  it('with no counterparts at all, keeps both orders, each step facing a gap, by step number', () => {
    const left = [{ side: 'server', label: 'server: listen()' }, { side: 'server', label: 'server: accept()' }];
    const right = [{ side: 'client', label: 'client: socket()' }, { side: 'client', label: 'client: sleep(5 ms)' }, { side: 'client', label: 'client: close()' }];
    expect(alignSteps(left.map(meaningKey), right.map(meaningKey))).toEqual([{ left: 0 }, { right: 0 }, { left: 1 }, { right: 1 }, { right: 2 }]);
    expect(alignSteps([], right.map(meaningKey))).toEqual([{ right: 0 }, { right: 1 }, { right: 2 }]);
    expect(alignSteps([], [])).toEqual([]);
  });

  it('lines up written scenarios by their steps, whatever they are called', () => {
    const written = (name: string, proto: 'tcp' | 'udp', steps: Scenario['steps']) =>
      describeScenario({ name, title: name, description: '', proto, message: 'hi', steps }).steps;
    const tcp = written('mine', 'tcp', [
      { op: 'listen', side: 'server', backlog: 4 }, { op: 'connect', side: 'client' }, { op: 'accept', side: 'server' },
      { op: 'send', side: 'client', data: { text: 'one' }, conn: 1 }, { op: 'send', side: 'client', data: { text: 'two' } },
      { op: 'wait', side: 'server', ms: 10 }, { op: 'recv', side: 'server', all: true }, { op: 'shutdown', side: 'client' },
    ]);
    const udp = written('theirs', 'udp', [
      { op: 'bind', side: 'server' }, { op: 'socket', side: 'client' }, { op: 'sendto', side: 'client', data: 'message', count: 3 },
      { op: 'recvfrom', side: 'server' }, { op: 'close', side: 'client' },
    ]);
    expect(pairs(tcp, udp)).toEqual([
      'server: listen(backlog 4) | server: bind()',
      'client: connect() | —',
      '— | client: socket()',
      'server: accept() | —',
      'client #1: send() "one" | client: sendto() (message) ×3',
      'client: send() "two" | —',
      'server: sleep(10 ms) | —',
      'server: recv() until end of file | server: recvfrom()',
      '— | client: close()',
      'client: shutdown(SHUT_WR) | —',
    ]);
  });

  it("reads a recording's steps from its step notes when its list of steps is not known", () => {
    expect(stepsOfEvents(recordedScenario('udp-echo'))).toEqual(stepsOf('udp-echo').map(({ side, label }) => ({ side, label })));
    expect(stepsOfEvents([])).toEqual([]);
  });
});
