import { describe, expect, it } from 'vitest';
import { MAX_BULK_BYTES, Scenario, SCENARIO_LIMITS, stepLabel } from './scenario.ts';
import { parseWith } from './validate.ts';

const base = { name: 'mine', title: 'Mine', description: '', proto: 'tcp', message: 'hi' } as const;

describe('a scenario a teacher writes', () => {
  it('is accepted with every TCP argument form', () => {
    const parsed = parseWith(Scenario, {
      ...base,
      steps: [
        { op: 'listen', side: 'server', backlog: 1 },
        { op: 'connect', side: 'client', to: 'closed-port' },
        { op: 'send', side: 'client', data: { text: 'hel' }, conn: 2 },
        { op: 'send', side: 'client', data: { bytes: MAX_BULK_BYTES } },
        { op: 'recv', side: 'server', all: true },
        { op: 'shutdown', side: 'client' },
        { op: 'close', side: 'client', linger: 0 },
        { op: 'wait', side: 'server', ms: 1000 },
      ],
    });
    expect(parsed).toMatchObject({ ok: true });
  });

  it('names the field and the reason when a step is wrong', () => {
    expect(parseWith(Scenario, { ...base, steps: [{ op: 'sendto', side: 'client', data: 'message' }] }))
      .toEqual({ ok: false, error: 'steps.0.op: sendto() is a UDP operation; this scenario is TCP' });
    const unknownOp = parseWith(Scenario, { ...base, steps: [{ op: 'fork', side: 'client' }] });
    expect(unknownOp.ok || unknownOp.error).toMatch(/^steps\.0\.op: /);
    const extra = parseWith(Scenario, { ...base, steps: [{ op: 'accept', side: 'server', host: '8.8.8.8' }] });
    expect(extra.ok || extra.error).toMatch(/^steps\.0: .*host/);
  });

  it('keeps a scenario harmless: bounded sizes, counts and waits, and no other hosts', () => {
    const problem = (steps: unknown[]) => {
      const parsed = parseWith(Scenario, { ...base, steps });
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(problem([{ op: 'wait', side: 'client', ms: SCENARIO_LIMITS.waitMs + 1 }])).toMatch(/^steps\.0\.ms: /);
    expect(problem(Array.from({ length: 5 }, () => ({ op: 'wait', side: 'client', ms: 5000 })))).toMatch(/^steps: waits add up to 25000 ms/);
    const connects = (n: number) => Array.from({ length: n }, () => ({ op: 'connect', side: 'client' }));
    expect(problem(connects(SCENARIO_LIMITS.connections))).toBe('accepted');
    expect(problem(connects(30))).toBe('steps.8.op: the client would have 9 connections; at most 8 a side');
    expect(problem([{ op: 'listen', side: 'server' }, ...Array.from({ length: 9 }, () => ({ op: 'accept', side: 'server' }))]))
      .toBe('steps.9.op: the server would have 9 connections; at most 8 a side');
    expect(problem([{ op: 'send', side: 'client', data: { bytes: MAX_BULK_BYTES + 1 } }])).toMatch(/^steps\.0\.data/);
    expect(problem([{ op: 'send', side: 'client', data: { text: 'x'.repeat(4097) } }])).toMatch(/^steps\.0\.data/);
    expect(problem(Array.from({ length: SCENARIO_LIMITS.steps + 1 }, () => ({ op: 'accept', side: 'server' })))).toMatch(/^steps: /);
    expect(problem([{ op: 'connect', side: 'client', to: '10.0.0.1:22' }])).toMatch(/^steps\.0\.to: /);
    expect(problem([{ op: 'listen', side: 'server', backlog: 100_000 }])).toMatch(/^steps\.0\.backlog: /);
  });
});

describe('stepLabel', () => {
  it('says each step in Berkeley terms', () => {
    expect(stepLabel({ op: 'listen', side: 'server', backlog: 1 })).toBe('server: listen(backlog 1)');
    expect(stepLabel({ op: 'send', side: 'client', data: { text: 'hel' }, conn: 2 })).toBe('client #2: send() "hel"');
    expect(stepLabel({ op: 'close', side: 'client', linger: 0 })).toBe('client: close() with SO_LINGER 0');
    expect(stepLabel({ op: 'sendto', side: 'client', data: { bytes: 512 }, count: 20 })).toBe('client: sendto() (512 bytes) ×20');
    expect(stepLabel({ op: 'shutdown', side: 'client' })).toBe('client: shutdown(SHUT_WR)');
  });
});

describe('the options a lesson needs', () => {
  const problem = (proto: 'tcp' | 'udp', steps: unknown[]) => {
    const parsed = parseWith(Scenario, { ...base, proto, steps });
    return parsed.ok ? 'accepted' : parsed.error;
  };

  it('takes TCP options on TCP connections and SO_RCVBUF on UDP sockets only', () => {
    expect(problem('tcp', [{ op: 'setsockopt', side: 'client', option: 'TCP_NODELAY', value: 1, conn: 2 }])).toBe('accepted');
    expect(problem('tcp', [{ op: 'setsockopt', side: 'server', option: 'TCP_QUICKACK', value: 0 }])).toBe('accepted');
    expect(problem('udp', [{ op: 'setsockopt', side: 'client', option: 'TCP_NODELAY', value: 1 }]))
      .toBe('steps.0.option: TCP_NODELAY is a TCP option; this scenario is UDP');
    expect(problem('tcp', [{ op: 'setsockopt', side: 'client', option: 'SO_RCVBUF', value: 4096 }]))
      .toBe('steps.0.option: SO_RCVBUF is set on a UDP socket here; this scenario is TCP');
    expect(problem('tcp', [{ op: 'setsockopt', side: 'client', option: 'TCP_NODELAY', value: 2 }])).toBe('steps.0.value: TCP_NODELAY is 0 (off) or 1 (on)');
    expect(problem('udp', [{ op: 'setsockopt', side: 'client', option: 'SO_RCVBUF', value: 0 }])).toBe('steps.0.value: SO_RCVBUF is at least 1 byte');
  });

  it('says listen without SO_REUSEADDR, write()/read() on the descriptor and repeated sends in the label', () => {
    expect(stepLabel({ op: 'listen', side: 'server', reuseaddr: false })).toBe('server: listen() without SO_REUSEADDR');
    expect(stepLabel({ op: 'send', side: 'client', data: 'message', via: 'fd' })).toBe('client: write() (message)');
    expect(stepLabel({ op: 'recv', side: 'server', via: 'fd', all: true })).toBe('server: read() until end of file');
    expect(stepLabel({ op: 'send', side: 'client', data: 'message', count: 5, conn: 2 })).toBe('client #2: send() (message) ×5');
    expect(problem('tcp', [{ op: 'send', side: 'client', data: { bytes: 1024 * 1024 }, count: 5 }])).toMatch(/^steps: sends add up to 5242880 bytes/);
  });
});
