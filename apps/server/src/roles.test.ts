import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RecordingStore } from '@sockscope/recordings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { MAX_SESSIONS_PER_CLIENT, SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

// A teacher's page and a student's, as two real WebSocket clients of one real server.
const ABANDONED_MS = 400;
let sockscope: SockscopeServer;
let port: number;
let store: RecordingStore;

beforeAll(async () => {
  store = await RecordingStore.open(await mkdtemp(path.join(tmpdir(), 'sockscope-roles-')));
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off', store }), { serverVersion: 'test', store, abandonedAfterMs: ABANDONED_MS });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

async function startSession(client: TestClient, scenario = 'udp-echo'): Promise<string> {
  const requestId = `new-${client.received.length}`;
  client.send({ type: 'create-session', scenario, requestId });
  const { session } = await client.next('session', (m) => m.requestId === requestId);
  return session.id;
}

async function step(client: TestClient, sessionId: string, nextStep: number): Promise<void> {
  const from = client.received.length;
  client.send({ type: 'step', sessionId });
  await client.next('session', (m) => m.session.id === sessionId && m.session.nextStep === nextStep && m.session.status !== 'stepping', from);
}

describe('roles', () => {
  it('lets only the page that started a session drive it; everyone else watches', async () => {
    const teacher = await TestClient.connect(port);
    const sessionId = await startSession(teacher);
    teacher.send({ type: 'subscribe', sessionId, afterId: 0 });
    await step(teacher, sessionId, 1);

    const student = await TestClient.connect(port);
    student.send({ type: 'subscribe', sessionId, afterId: 0, requestId: 'watch' });
    const watched = await student.next('session', (m) => m.requestId === 'watch');
    expect(watched.session).toMatchObject({ presenter: false, nextStep: 1, status: 'ready' });
    expect(teacher.received.filter((m) => m.type === 'session').at(-1)).toMatchObject({ session: { presenter: true } });

    for (const type of ['step', 'run', 'pause', 'reset', 'deliver', 'drop'] as const) {
      student.send({ type, sessionId, requestId: type });
      const refused = await student.next('error', (m) => m.requestId === type);
      expect(refused.code, type).toBe('not-presenter');
      expect(refused.message).toContain('you are watching it');
    }
    // The session did not change: the teacher steps on from where it was.
    await step(teacher, sessionId, 2);
    expect(student.received.filter((m) => m.type === 'session').every((m) => m.type === 'session' && m.session.status !== 'closed')).toBe(true);
    await student.next('session', (m) => m.session.nextStep === 2);

    // A reload of the teacher's page (a new connection that says who it is) drives it again.
    const { clientKey } = await teacher.next('welcome');
    await teacher.close();
    const reloaded = await TestClient.connect(port);
    reloaded.send({ type: 'resume-client', clientKey: clientKey! });
    reloaded.send({ type: 'subscribe', sessionId, afterId: 0, requestId: 'back' });
    expect((await reloaded.next('session', (m) => m.requestId === 'back')).session.presenter).toBe(true);
    await step(reloaded, sessionId, 3);
    await Promise.all([reloaded.close(), student.close()]);
  });

  it(`keeps at most ${MAX_SESSIONS_PER_CLIENT} sessions a client: its own oldest ends, never another's`, async () => {
    const other = await TestClient.connect(port);
    const others = await startSession(other);
    other.send({ type: 'subscribe', sessionId: others, afterId: 0 });
    const busy = await TestClient.connect(port);
    const first = await startSession(busy);
    busy.send({ type: 'subscribe', sessionId: first, afterId: 0 });
    for (let i = 1; i < MAX_SESSIONS_PER_CLIENT; i += 1) await startSession(busy);
    expect(busy.received.some((m) => m.type === 'session' && m.session.id === first && m.session.status === 'closed')).toBe(false);
    await startSession(busy);
    await busy.next('session', (m) => m.session.id === first && m.session.status === 'closed');
    expect(other.received.some((m) => m.type === 'session' && m.session.id === others && m.session.status === 'closed')).toBe(false);
    await Promise.all([busy.close(), other.close()]);
  });

  it('ends and saves the sessions of a client that has gone, and stops its run', async () => {
    const leaver = await TestClient.connect(port);
    const sessionId = await startSession(leaver, 'tcp-echo');
    leaver.send({ type: 'subscribe', sessionId, afterId: 0 });
    await step(leaver, sessionId, 1);
    leaver.send({ type: 'run', sessionId, paceMs: 10_000 });
    await leaver.next('session', (m) => m.session.status === 'running');
    const watcher = await TestClient.connect(port);
    watcher.send({ type: 'subscribe', sessionId, afterId: 0 });
    await leaver.close();
    const closed = await watcher.next('session', (m) => m.session.id === sessionId && m.session.status === 'closed', 0, 10_000);
    expect(closed.session.recordingId).toBeDefined();
    expect((await store.get(closed.session.recordingId!)).scenario).toBe('tcp-echo');
    await watcher.close();
  });
});
