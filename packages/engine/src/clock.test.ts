import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { monotonicUs, startSessionClock } from './clock.ts';

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

  it('reads the CLOCK_MONOTONIC that other processes read: a Python reading taken between two of ours falls between them', () => {
    const clock = startSessionClock();
    const before = clock.nowUs();
    const python = Number(execFileSync('python3', ['-c', 'import time; print(time.monotonic_ns() // 1000)'], { encoding: 'utf8' }));
    const after = clock.nowUs();
    const t = clock.fromMonotonicUs(python);
    expect(t).toBeGreaterThan(before);
    expect(t).toBeLessThan(after);
    expect(clock.fromMonotonicUs(monotonicUs())).toBeGreaterThanOrEqual(after);
  });

  it('maps pcap timestamps rightly after the realtime clock is stepped, while calls keep their monotonic times', () => {
    const clock = startSessionClock();
    const realNow = Date.now.bind(Date);
    const step = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 5000);
    try {
      const before = clock.nowUs();
      const captured = clock.fromRealtimeUs(Date.now() * 1000 + 500);
      const after = clock.nowUs();
      expect(captured).toBeGreaterThan(before - 1100);
      expect(captured).toBeLessThan(after + 1100);
    } finally {
      step.mockRestore();
    }
  });
});
