import type { CallEvent, SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { explainEvent } from './explain.ts';
import { messagesFor } from './messages.ts';
import { recordedScenario as record } from '@sockscope/recordings/test-sessions';

const en = messagesFor('en');
const ko = messagesFor('ko');

/** The sentence for the first call of `side` and `fn` in `phase` that passes `test`, in both languages. */
function said(events: SessionEvent[], side: string, fn: CallEvent['fn'], phase: CallEvent['phase'], test: (call: CallEvent) => boolean = () => true) {
  const index = events.findIndex((event) => event.kind === 'call' && event.side === side && event.fn === fn && event.phase === phase && test(event));
  if (index < 0) throw new Error(`no ${side} ${fn} ${phase}`);
  return { en: explainEvent(events, index, en), ko: explainEvent(events, index, ko) };
}

describe('the lessons explain their socket options by name and effect', () => {
  const nagle = record('nagle');

  it("says what TCP_NODELAY and TCP_QUICKACK do, and what getsockopt() read back", () => {
    const nodelay = said(nagle, 'client', 'setsockopt', 'enter');
    expect(nodelay.en).toMatch(/TCP_NODELAY 1 turns Nagle's algorithm off: each send\(\) leaves at once/);
    expect(nodelay.ko).toMatch(/TCP_NODELAY 1은 네이글 알고리즘을 끕니다/);
    expect(said(nagle, 'server', 'setsockopt', 'enter', (call) => call.args?.option === 'TCP_QUICKACK').en).toMatch(/TCP_QUICKACK 0 lets the kernel delay its ACKs/);
    expect(said(nagle, 'client', 'getsockopt', 'return').en).toBe('getsockopt() returns 1: what the kernel keeps for TCP_NODELAY.');
    expect(said(nagle, 'client', 'getsockopt', 'return').ko).toMatch(/^getsockopt\(\)가 1을 반환합니다/);
  });

  it('says that Linux doubled SO_RCVBUF where getsockopt() shows it', () => {
    const overflow = record('udp-overflow');
    const kept = said(overflow, 'server', 'getsockopt', 'return');
    expect(kept.en).toBe('getsockopt() returns 4096: what the kernel keeps for SO_RCVBUF. Linux doubled the 2048 bytes asked for.');
    expect(kept.ko).toContain('2048바이트를 두 배로');
    expect(said(overflow, 'server', 'setsockopt', 'enter').en).toMatch(/Linux doubles the value/);
  });

  it('says SO_REUSEADDR is off where a restarted server reads it as 0', () => {
    const reuse = record('reuseaddr');
    expect(said(reuse, 'server', 'getsockopt', 'return').en).toMatch(/SO_REUSEADDR is 0 \(off\)/);
    expect(said(reuse, 'server', 'bind', 'error').en).toMatch(/^bind\(\) fails with EADDRINUSE/);
  });
});

describe('read() and write() on a socket: everything is a file', () => {
  const files = record('read-write');

  it('says write() and read() are send() and recv() on the descriptor, with what they moved', () => {
    expect(said(files, 'client', 'write', 'enter').en).toBe(
      'The client calls write() on the socket\'s file descriptor with 5 bytes ("hello"): a socket is a file, and write() on it is send() without flags.');
    expect(said(files, 'client', 'write', 'return').en).toMatch(/^write\(\) returns 5: the kernel has copied the bytes/);
    expect(said(files, 'server', 'read', 'enter').ko).toMatch(/소켓도 파일이며, 소켓에 대한 read\(\)는 플래그 없는 recv\(\)와 같습니다/);
    expect(said(files, 'server', 'read', 'return').en).toBe('read() returns 5: the program reads 5 bytes ("hello") from the socket\'s receive buffer.');
    expect(said(files, 'server', 'read', 'return', (call) => call.result === 0).en).toMatch(/^read\(\) returns 0: end of file/);
  });
});
