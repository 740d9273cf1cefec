import type { SessionInfo } from '@sockscope/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionManager } from './session-manager.ts';

// Real sessions on the kernel; capture off keeps these about the manager, not the capture.
let manager: SessionManager;
afterEach(() => manager.closeAll());

function watch(target: SessionManager): SessionInfo[] {
  const seen: SessionInfo[] = [];
  target.onStatus((info) => seen.push(info));
  return seen;
}

describe('the session manager', () => {
  it('counts sessions still opening against the limit', async () => {
    manager = new SessionManager({ defaultCapture: 'off', maxSessions: 2 });
    const results = await Promise.allSettled([1, 2, 3].map(() => manager.create({ scenario: 'udp-echo' })));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toContain('already runs 2 sessions');
  });

  it('makes room by ending a finished session first, and says it is closed', async () => {
    manager = new SessionManager({ defaultCapture: 'off', maxSessions: 2 });
    const seen = watch(manager);
    const finished = await manager.create({ scenario: 'udp-echo' });
    await manager.run(finished.id, 0);
    const idle = await manager.create({ scenario: 'udp-echo' });
    await manager.create({ scenario: 'udp-echo' });
    expect(seen.filter((info) => info.status === 'closed').map((info) => info.id)).toEqual([finished.id]);
    expect(manager.get(idle.id).status).toBe('ready');
  });

  it('refuses to run a finished session and stays able to step others', async () => {
    manager = new SessionManager({ defaultCapture: 'off' });
    const managed = await manager.create({ scenario: 'udp-echo' });
    await manager.run(managed.id, 0);
    expect(managed.status).toBe('finished');
    await expect(manager.run(managed.id, 0)).rejects.toThrow(/no steps left/);
    expect(managed.running).toBe(false);
  });

  it('runs one loop at a time when paused and run again quickly', async () => {
    manager = new SessionManager({ defaultCapture: 'off' });
    const managed = await manager.create({ scenario: 'tcp-echo' });
    const first = manager.run(managed.id, 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    manager.pause(managed.id);
    while (managed.session.busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await manager.run(managed.id, 0);
    await first;
    expect(managed.status).toBe('finished');
    const errors = managed.session.log.all().filter((event) => event.kind === 'note' && event.level === 'error');
    expect(errors).toEqual([]);
  });

  it('resets a running session: the old one closes (not fails), the new one is ready', async () => {
    manager = new SessionManager({ defaultCapture: 'off' });
    const seen = watch(manager);
    const old = await manager.create({ scenario: 'tcp-echo' });
    const running = manager.run(old.id, 10).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const fresh = await manager.reset(old.id);
    expect(await running).toBeUndefined();
    expect(seen.filter((info) => info.id === old.id).map((info) => info.status)).not.toContain('failed');
    expect(seen.filter((info) => info.id === old.id).at(-1)).toMatchObject({ status: 'closed', replacedBy: fresh.id });
    expect(fresh.status).toBe('ready');
  });
});
