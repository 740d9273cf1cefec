import { describe, expect, it } from 'vitest';
import { TCP_STATES } from './events.ts';
import { isForward, TCP_TRANSITIONS } from './tcp-diagram.ts';

describe("RFC 9293's diagram", () => {
  it('goes forward along its arrows, one or several at once, and resets to CLOSED from anywhere', () => {
    expect(isForward('SYN-SENT', 'ESTABLISHED')).toBe(true);
    expect(isForward('ESTABLISHED', 'TIME-WAIT')).toBe(true);
    expect(isForward('FIN-WAIT-1', 'FIN-WAIT-2')).toBe(true);
    for (const state of TCP_STATES) expect(isForward(state, 'CLOSED')).toBe(true);
  });

  it('never runs backwards', () => {
    expect(isForward('FIN-WAIT-2', 'FIN-WAIT-1')).toBe(false);
    expect(isForward('TIME-WAIT', 'ESTABLISHED')).toBe(false);
    expect(isForward('CLOSE-WAIT', 'ESTABLISHED')).toBe(false);
    expect(isForward('LAST-ACK', 'CLOSE-WAIT')).toBe(false);
  });

  it('names every state, and only states', () => {
    expect(Object.keys(TCP_TRANSITIONS).sort()).toEqual([...TCP_STATES].sort());
    for (const targets of Object.values(TCP_TRANSITIONS)) for (const state of targets) expect(TCP_STATES).toContain(state);
  });
});
