import { describe, expect, it } from 'vitest';
import { startSessionClock } from './clock.ts';

describe('the session clock', () => {
  it('reads realtime microseconds, agreeing with Date.now() to within its millisecond', () => {
    for (let i = 0; i < 20; i += 1) {
      const clock = startSessionClock();
      const before = Date.now() * 1000;
      const reading = clock.startUs + clock.nowUs();
      const after = Date.now() * 1000 + 1000;
      expect(reading).toBeGreaterThanOrEqual(before - 50);
      expect(reading).toBeLessThanOrEqual(after + 50);
    }
  });

  it('converts a realtime timestamp to session time', () => {
    const clock = startSessionClock();
    expect(clock.fromRealtimeUs(clock.startUs + 1234.5)).toBe(1234.5);
  });
});
