import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '@sockscope/protocol';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { sessionRecording } from './session-recording.ts';
import { TestClient } from './test-client.ts';

let sockscope: SockscopeServer;
let manager: SessionManager;
let port: number;

beforeAll(async () => {
  manager = new SessionManager({ defaultCapture: 'pcap' });
  sockscope = createSockscopeServer(manager, { serverVersion: 'test' });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

/** The program's line `line` (1-based), without its comment. */
function codeAt(info: SessionInfo, side: 'client' | 'server', line: number): string | undefined {
  const source = info.programs?.find((program) => program.side === side)?.source;
  return source?.split('\n')[line - 1]?.replace(/\s+#.*$/, '').trim();
}

describe('a session of Python programs, as the page receives it', () => {
  it('is offered in the welcome, and its info carries both programs, whose lines are the lines of its calls', async () => {
    const client = await TestClient.connect(port);
    expect((await client.next('welcome')).python).toMatchObject({ available: true, version: expect.stringMatching(/^3\.\d+/) });
    client.send({ type: 'create-session', scenario: 'tcp-echo', program: 'python', requestId: 'py' });
    const { session } = await client.next('session', (m) => m.requestId === 'py');
    expect(session.program).toBe('python');
    expect(session.programs?.map((program) => program.side).sort()).toEqual(['client', 'server']);
    const server = session.programs?.find((program) => program.side === 'server');
    expect(server?.source).toContain('listener.listen(511)');
    // The first step (listen) runs the server's socket(), setsockopt(), bind() and listen() lines.
    const firstStep = server?.steps.find((entry) => entry.step === 0)?.lines ?? [];
    expect(firstStep.map((line) => codeAt(session, 'server', line))).toEqual([
      'listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', 'listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
      'listener.bind((HOST, PORT))', 'listener.listen(511)',
    ]);

    client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    for (let step = 0; step < session.steps.length; step += 1) {
      const from = client.received.length;
      client.send({ type: 'step', sessionId: session.id });
      await client.next('session', (m) => m.session.id === session.id && (m.session.status === 'ready' || m.session.status === 'finished'), from);
    }
    const calls = client.events.flatMap((event) => (event.kind === 'call' && event.line !== undefined ? [event] : []));
    expect(calls.length).toBeGreaterThan(10);
    // Each call's line in the program sent is the code its `via` names: the page can highlight it as it is.
    for (const call of calls) expect(codeAt(session, call.side as 'client' | 'server', call.line!)).toBe(call.via.replace(/^python: /, ''));
    await client.close();
  });

  it('says a Node session runs no program text, and a recording of a Python session keeps its programs', async () => {
    const node = await manager.create({ scenario: 'udp-echo' });
    expect(manager.info(node)).toMatchObject({ program: 'node' });
    expect(manager.info(node).programs).toBeUndefined();
    const python = await manager.create({ scenario: 'udp-echo', program: 'python' });
    await manager.step(python.id);
    const track = sessionRecording(python.session).recording.tracks[0];
    expect(track?.program).toBe('python');
    expect(track?.programs).toEqual(manager.info(python).programs);
    expect(track?.programs?.find((program) => program.side === 'server')?.source).toContain('server.bind((HOST, PORT))');
    // Reset starts the same scenario with the same programs.
    const fresh = await manager.reset(python.id);
    expect(manager.info(fresh)).toMatchObject({ program: 'python', programs: manager.info(python).programs });
  });
});
