import type { CallEvent, SessionEvent, SocketRow } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { openSession } from './open-session.ts';
import { calls, runScenario, segments } from './test-helpers.ts';

// The lessons run on the real kernel with real capture (demanded: 'pcap'), each in a network
// namespace of its own (openSession, as the server runs them), by every runtime that can make
// their calls; the tests assert what the kernel did.

const returns = (events: readonly SessionEvent[], side: string, fn: CallEvent['fn']) =>
  calls(events, side).filter((call) => call.fn === fn && call.phase !== 'enter');
const errorNotes = (events: readonly SessionEvent[]) =>
  events.filter((event) => event.kind === 'note' && (event.level === 'error' || event.code === 'state-mismatch'));

/** The kernel table read at the end of step `index` (0-based). */
function tableAfterStep(events: readonly SessionEvent[], index: number): SocketRow[] {
  const end = events.findIndex((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === index);
  const reading = events.slice(0, end).findLast((event) => event.kind === 'sockets');
  if (!reading || reading.kind !== 'sockets') throw new Error(`no kernel reading before the end of step ${index + 1}`);
  return reading.rows;
}

for (const program of ['node', 'python'] as const) {
  describe(`serial-server (${program})`, async () => {
    const { byTime, events } = await runScenario('serial-server', { capture: 'pcap', program }, openSession);
    const wire = segments(byTime);

    it('accepts two connections, one after the other, each a new socket', () => {
      const accepted = returns(byTime, 'server', 'accept');
      expect(accepted.map((call) => call.phase)).toEqual(['return', 'return']);
      const [first, second] = accepted.map((call) => String(call.result));
      expect(first).not.toBe(second);
      expect(wire.filter((s) => s.flags.join(', ') === 'SYN').length).toBe(2);
      // The second client's SYN comes after the first connection's last FIN: one client at a time.
      const fins = wire.filter((s) => s.flags.includes('FIN'));
      const secondSyn = wire.filter((s) => s.flags.join(', ') === 'SYN')[1];
      expect(fins.filter((s) => s.t < (secondSyn?.t ?? 0)).map((s) => s.from)).toEqual(['client', 'server']);
    });

    it('keeps the listener in LISTEN after the first connection has closed', () => {
      const listener = returns(byTime, 'server', 'listen')[0]?.socket;
      const rows = tableAfterStep(events, 9);
      expect(rows.find((row) => row.socket === listener)?.state).toBe('LISTEN');
    });

    it('echoes each whole message, both times', () => {
      const data = wire.filter((s) => s.len > 0).map((s) => [s.from, s.payload?.text]);
      expect(data).toEqual([['client', 'hello'], ['server', 'hello'], ['client', 'hello'], ['server', 'hello']]);
      expect(returns(byTime, 'client', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[5, 'hello'], [5, 'hello']]);
      expect(returns(byTime, 'server', 'recv').map((call) => call.result)).toEqual([5, 0, 5, 0]);
      expect(wire.every((s) => s.source === 'captured')).toBe(true);
      expect(errorNotes(events)).toEqual([]);
    });
  });
}
