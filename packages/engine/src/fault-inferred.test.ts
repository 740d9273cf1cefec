import { readFileSync } from 'node:fs';
import { isWireEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, builtInScenario } from './scenarios/index.ts';
import { Session } from './session.ts';
import { runScenario, segments } from './test-helpers.ts';

// Without capture the wire is inferred from the calls: every scenario must still run to its
// end, and what the calls prove (a refusal, a reset, an ICMP error) must be drawn, marked inferred.
describe('every built-in scenario without capture', () => {
  for (const scenario of BUILT_IN_SCENARIOS) {
    it(`runs ${scenario.name} to its end with no step failing`, async () => {
      const { events, session } = await runScenario(scenario.name, { capture: 'off' });
      expect(session.captureStatus.mode).toBe('inferred');
      expect(events.filter((event) => event.kind === 'note' && event.code === 'error')).toEqual([]);
      expect(events.filter(isWireEvent).every((event) => event.source === 'inferred')).toBe(true);
    }, 20_000);
  }

  it('infers the RST of a refused connect() and of data sent to a closed peer', async () => {
    const refused = segments((await runScenario('connection-refused', { capture: 'off' })).byTime);
    expect(refused.map((s) => `${s.from}: ${s.flags.join(', ')}`)).toEqual(['client: SYN', 'server: RST, ACK']);
    const written = segments((await runScenario('write-after-peer-close', { capture: 'off' })).byTime);
    const data = written.find((s) => s.from === 'client' && s.len > 0);
    expect(written.find((s) => s.t >= (data?.t ?? Infinity) && s.from === 'server')?.flags).toEqual(['RST']);
  });

  it('infers the ICMP port unreachable behind an ECONNREFUSED on a connected UDP socket', async () => {
    const { byTime } = await runScenario('udp-closed-port', { capture: 'off' });
    expect(byTime.find((event) => event.kind === 'icmp')).toMatchObject({ from: 'server', to: 'client', type: 3, code: 3, about: { dstPort: 7009 } });
  });
});

describe('the listening process', () => {
  it('is gone when the session ends, even frozen with connections waiting in its accept queue', async () => {
    const session = await Session.open({ scenario: builtInScenario('backlog-full'), capture: 'off' });
    await session.step();
    await session.step();
    const listener = session.log.all().find((event) => event.kind === 'call' && event.fn === 'listen' && event.phase === 'return');
    expect(listener).toBeDefined();
    const children = () => readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    expect(children().length).toBeGreaterThan(0);
    await session.close();
    expect(children()).toEqual([]);
  });
});
