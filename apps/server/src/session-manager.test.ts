import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '@sockscope/protocol';
import { RecordingStore } from '@sockscope/recordings';
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

  it('saves every session that ran a step, however it ends: evicted, idle, at shutdown', async () => {
    const store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-manager-')));
    manager = new SessionManager({ defaultCapture: 'off', maxSessions: 1, idleMs: 200, store });
    const seen = watch(manager);
    const evicted = await manager.create({ scenario: 'udp-echo' });
    await manager.step(evicted.id);
    const idle = await manager.create({ scenario: 'udp-echo' });
    await manager.step(idle.id);
    while (manager.info(idle).status !== 'closed') await new Promise((resolve) => setTimeout(resolve, 50));
    const last = await manager.create({ scenario: 'tcp-echo' });
    await manager.step(last.id);
    await manager.closeAll();
    const saved = (id: string) => seen.filter((info) => info.id === id).at(-1)?.recordingId;
    expect([evicted, idle, last].map((managed) => saved(managed.id))).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
    expect((await store.list()).map((r) => r.id).sort()).toEqual([saved(evicted.id), saved(idle.id), saved(last.id)].sort());
    expect((await store.read(saved(evicted.id) ?? '')).tracks[0]?.events.filter((e) => e.kind === 'call').length).toBeGreaterThan(0);
  });
});
