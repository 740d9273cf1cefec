import type { AddressInfo } from 'node:net';
import { CLASS_CODE_ALPHABET, type ClassView } from '@sockscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { classReach, lanAddress } from './reach.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

// A teacher's page and students' pages, as real WebSocket clients of one real server.
const ABANDONED_MS = 400;
let sockscope: SockscopeServer;
let port: number;

beforeAll(async () => {
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'off' }), {
    serverVersion: 'test', abandonedAfterMs: ABANDONED_MS, reach: { scope: 'network', lanAddress: '192.168.7.20' },
  });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

const view = (eventId: number | null): ClassView => ({
  shown: { kind: 'live', sessions: ['s-1'] }, cursor: [eventId], focus: 0, selected: null, timeMode: 'event', zoomIndex: 2,
});

async function openClass(teacher: TestClient): Promise<string> {
  teacher.send({ type: 'open-class', requestId: 'teach' });
  const opened = await teacher.next('class', (m) => m.requestId === 'teach');
  expect(opened).toMatchObject({ role: 'teacher', status: 'open', students: 0, reach: { scope: 'network', lanAddress: '192.168.7.20' } });
  return opened.code;
}

describe('a class', () => {
  it('has a short code without look-alike characters, and the same teacher gets the same class', async () => {
    const teacher = await TestClient.connect(port);
    const code = await openClass(teacher);
    expect(code).toHaveLength(5);
    for (const char of code) expect(CLASS_CODE_ALPHABET).toContain(char);
    expect(code).not.toMatch(/[01OI]/);
    teacher.send({ type: 'open-class', requestId: 'again' });
    expect((await teacher.next('class', (m) => m.requestId === 'again')).code).toBe(code);
    await teacher.close();
  });

  it('relays the teacher\'s view to its students, the latest to a late joiner, and counts them', async () => {
    const teacher = await TestClient.connect(port);
    const code = await openClass(teacher);
    const early = await TestClient.connect(port);
    early.send({ type: 'join-class', code: code.toLowerCase(), requestId: 'join' });
    expect(await early.next('class', (m) => m.requestId === 'join')).toMatchObject({ code, role: 'student', students: 1 });
    await teacher.next('class', (m) => m.students === 1);

    teacher.send({ type: 'class-view', code, view: view(3) });
    teacher.send({ type: 'class-view', code, view: view(7) });
    expect((await early.next('class-view', (m) => m.view.cursor[0] === 7)).code).toBe(code);

    const late = await TestClient.connect(port);
    late.send({ type: 'join-class', code, requestId: 'late' });
    await late.next('class', (m) => m.requestId === 'late');
    // Only the latest view, not the ones before it.
    expect((await late.next('class-view')).view).toEqual(view(7));
    expect(late.received.filter((m) => m.type === 'class-view')).toHaveLength(1);
    await teacher.next('class', (m) => m.students === 2);

    await late.close();
    await teacher.next('class', (m) => m.students === 1, teacher.received.length - 1);
    expect(teacher.received.some((m) => m.type === 'class-view')).toBe(false);
    await Promise.all([teacher.close(), early.close()]);
  });

  it('lets only its teacher set the view, and answers an unknown code clearly', async () => {
    const teacher = await TestClient.connect(port);
    const code = await openClass(teacher);
    const student = await TestClient.connect(port);
    student.send({ type: 'join-class', code, requestId: 'join' });
    await student.next('class', (m) => m.requestId === 'join');
    student.send({ type: 'class-view', code, view: view(1), requestId: 'sneaky' });
    const refused = await student.next('error', (m) => m.requestId === 'sneaky');
    expect(refused.code).toBe('not-presenter');
    const other = await TestClient.connect(port);
    other.send({ type: 'join-class', code, requestId: 'join' });
    await other.next('class', (m) => m.requestId === 'join');
    expect(other.received.some((m) => m.type === 'class-view')).toBe(false);

    student.send({ type: 'join-class', code: 'ZZZZZ', requestId: 'wrong' });
    const unknown = await student.next('error', (m) => m.requestId === 'wrong');
    expect(unknown).toMatchObject({ code: 'unknown-class' });
    expect(unknown.message).toContain('ZZZZZ');
    student.send({ type: 'join-class', code: 'O0I1!', requestId: 'bad' });
    expect((await student.next('error', (m) => m.requestId === 'bad')).code).toBe('bad-message');
    student.send({ type: 'class-view', code, view: { ...view(1), zoomIndex: -1 }, requestId: 'bad-view' });
    const badView = await student.next('error', (m) => m.requestId === 'bad-view');
    expect(badView).toMatchObject({ code: 'bad-message' });
    expect(badView.message).toContain('zoomIndex');
    await Promise.all([teacher.close(), student.close(), other.close()]);
  });

  it('resends the view to a student who reconnects, and ends when its teacher has left for good', async () => {
    const teacher = await TestClient.connect(port);
    const code = await openClass(teacher);
    teacher.send({ type: 'class-view', code, view: view(4) });
    const student = await TestClient.connect(port);
    student.send({ type: 'join-class', code });
    await student.next('class-view');
    await student.close();
    const back = await TestClient.connect(port);
    back.send({ type: 'join-class', code });
    expect((await back.next('class-view')).view).toEqual(view(4));

    await teacher.close();
    const ended = await back.next('class', (m) => m.status === 'ended', 0, 5_000);
    expect(ended.code).toBe(code);
    back.send({ type: 'join-class', code, requestId: 'after' });
    expect((await back.next('error', (m) => m.requestId === 'after')).code).toBe('unknown-class');
    await back.close();
  });
});

describe('where students reach the server', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
      { address: '10.1.2.3', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '10.1.2.3/24' },
    ],
  } as const satisfies Parameters<typeof lanAddress>[0];

  it('is this machine only on localhost, the LAN address on all addresses', () => {
    expect(classReach('127.0.0.1', interfaces)).toEqual({ scope: 'local' });
    expect(classReach('localhost', interfaces)).toEqual({ scope: 'local' });
    expect(classReach('::1', interfaces)).toEqual({ scope: 'local' });
    expect(classReach('0.0.0.0', interfaces)).toEqual({ scope: 'network', lanAddress: '10.1.2.3' });
    expect(classReach('10.9.9.9', interfaces)).toEqual({ scope: 'network', lanAddress: '10.9.9.9' });
    expect(classReach('0.0.0.0', { lo: interfaces.lo })).toEqual({ scope: 'network' });
  });
});
