import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_CLIENT_MESSAGE_BYTES, SCENARIO_LIMITS, WS_PATH } from '@sockscope/protocol';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';
import { BUILT_IN_SCENARIOS } from '@sockscope/engine';

let sockscope: SockscopeServer;
let port: number;

beforeAll(async () => {
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'pcap' }), { serverVersion: 'test' });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

async function stepAndWait(client: TestClient, sessionId: string): Promise<void> {
  const from = client.received.length;
  client.send({ type: 'step', sessionId });
  await client.next('session', (m) => m.session.id === sessionId && (m.session.status === 'ready' || m.session.status === 'finished'), from);
}

describe('the WebSocket protocol', () => {
  it('greets, lists scenarios, and refuses an unknown one by name', async () => {
    const client = await TestClient.connect(port);
    expect((await client.next('welcome')).serverVersion).toBe('test');
    client.send({ type: 'list-scenarios', requestId: 'r1' });
    const list = await client.next('scenarios');
    expect(list.requestId).toBe('r1');
    expect(list.scenarios.map((s) => s.name)).toEqual(BUILT_IN_SCENARIOS.map((scenario) => scenario.name));
    client.send({ type: 'create-session', scenario: 'tcp-nope', requestId: 'r2' });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'unknown-scenario', requestId: 'r2' });
    expect(error.message).toContain('"tcp-nope"');
    expect(error.message).toContain(BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(', '));
    await client.close();
  });

  it('answers malformed and oversized messages with errors and keeps the connection', async () => {
    const client = await TestClient.connect(port);
    const replyTo = async (message: Parameters<TestClient['send']>[0]) => {
      const from = client.received.length;
      client.send(message);
      return client.next('error', () => true, from);
    };
    expect((await replyTo('this is not json')).code).toBe('bad-json');
    const badShape = await replyTo({ type: 'step' } as never);
    expect(badShape.code).toBe('bad-message');
    expect(badShape.message).toContain('sessionId');
    const tooLarge = await replyTo(JSON.stringify({ v: 1, type: 'list-scenarios', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
    expect(tooLarge.code).toBe('too-large');
    expect(tooLarge.message).toContain(`${MAX_CLIENT_MESSAGE_BYTES}`);
    const longText = await replyTo({ type: 'create-session', scenario: 'tcp-echo', message: 'x'.repeat(5000) });
    expect(longText.code).toBe('bad-message');
    expect(longText.message).toContain('at most 4096 bytes');
    const unknown = await replyTo({ type: 'step', sessionId: 'no-such-session' });
    expect(unknown.code).toBe('unknown-session');
    expect(unknown.message).toContain('no-such-session');
    client.send({ type: 'list-scenarios' });
    await client.next('scenarios');
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('refuses a page from a foreign origin', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { headers: { Origin: 'http://evil.example' } });
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(undefined));
    });
    expect(status).toBe(403);
    const sameOrigin = await TestClient.connect(port, { Origin: `http://127.0.0.1:${port}` });
    await sameOrigin.next('welcome');
    await sameOrigin.close();
  });

  it('resumes a subscription after a disconnect with every event exactly once', async () => {
    const first = await TestClient.connect(port);
    // The page keeps its client key across reconnects: it stays the session's presenter.
    const { clientKey } = await first.next('welcome');
    first.send({ type: 'create-session', scenario: 'tcp-echo', capture: 'pcap' });
    const { session } = await first.next('session');
    first.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    for (let i = 0; i < 4; i += 1) await stepAndWait(first, session.id);
    // What the page holds once its connection is gone: an event the kernel added after the step
    // (a delayed ACK) may still arrive before the close, and is then held, not asked for again.
    await first.close();
    const lastSeen = first.events.at(-1)?.id ?? 0;
    expect(lastSeen).toBeGreaterThan(10);

    // Steps taken while nobody watches must still reach the client that comes back.
    const driver = await TestClient.connect(port);
    driver.send({ type: 'resume-client', clientKey: clientKey! });
    driver.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    await stepAndWait(driver, session.id);
    await driver.close();

    const second = await TestClient.connect(port);
    second.send({ type: 'resume-client', clientKey: clientKey! });
    second.send({ type: 'subscribe', sessionId: session.id, afterId: lastSeen });
    while (true) {
      const from = second.received.length;
      second.send({ type: 'step', sessionId: session.id });
      const status = await second.next('session', (m) => m.session.status === 'ready' || m.session.status === 'finished', from);
      if (status.session.status === 'finished') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ids = [...first.events, ...second.events].map((event) => event.id);
    const total = second.received.filter((m) => m.type === 'session').at(-1);
    expect(total?.type === 'session' && total.session.status).toBe('finished');
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, index) => index + 1));
    expect(second.events[0]?.id).toBe(lastSeen + 1);
    expect([...first.events, ...second.events].some((e) => e.kind === 'segment' && e.flags.includes('FIN'))).toBe(true);
    await second.close();
  });

  it('runs a scenario a client wrote, resets it to the same scenario, and names the field of a bad one', async () => {
    const client = await TestClient.connect(port);
    const written = {
      name: 'my-udp', title: 'My UDP', description: 'One datagram, read by the server.', proto: 'udp', message: 'hello',
      steps: [
        { op: 'bind', side: 'server' },
        { op: 'socket', side: 'client' },
        { op: 'sendto', side: 'client', data: { text: 'hi!' } },
        { op: 'recvfrom', side: 'server' },
      ],
    };
    client.send({ type: 'create-session', scenario: written, capture: 'pcap', requestId: 'mine' });
    const { session } = await client.next('session', (m) => m.requestId === 'mine');
    expect(session).toMatchObject({ scenario: 'my-udp', custom: true, title: 'My UDP', description: 'One datagram, read by the server.', proto: 'udp', status: 'ready' });
    expect(session.steps.map((step) => step.label)).toEqual([
      'server: bind()', 'client: socket()', 'client: sendto() "hi!"', 'server: recvfrom()',
    ]);
    client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    client.send({ type: 'run', sessionId: session.id, paceMs: 0 });
    await client.next('session', (m) => m.session.id === session.id && m.session.status === 'finished');
    const datagrams = client.events.filter((e) => e.kind === 'datagram');
    expect(datagrams).toEqual([expect.objectContaining({ from: 'client', to: 'server', len: 3, source: 'captured' })]);

    let from = client.received.length;
    client.send({ type: 'reset', sessionId: session.id, requestId: 'again' });
    const fresh = await client.next('session', (m) => m.requestId === 'again', from);
    expect(fresh.session).toMatchObject({ scenario: 'my-udp', custom: true, description: 'One datagram, read by the server.', status: 'ready', nextStep: 0 });
    expect(fresh.session.steps).toEqual(session.steps);

    const refusal = async (scenario: Record<string, unknown>) => {
      from = client.received.length;
      client.send({ type: 'create-session', scenario, requestId: 'bad' });
      return client.next('error', (m) => m.requestId === 'bad', from);
    };
    const tcpInUdp = await refusal({ ...written, steps: [{ op: 'listen', side: 'server' }, ...written.steps] });
    expect(tcpInUdp.code).toBe('bad-scenario');
    expect(tcpInUdp.message).toContain('steps.0.op: listen() is a TCP operation; this scenario is UDP');
    const unknownOp = await refusal({ ...written, steps: [{ op: 'fork', side: 'client' }] });
    expect(unknownOp.code).toBe('bad-scenario');
    expect(unknownOp.message).toContain('steps.0.op');
    const longWait = await refusal({ ...written, steps: [{ op: 'wait', side: 'client', ms: 60_000 }] });
    expect(longWait.message).toContain('steps.0.ms');
    // A title becomes the recording's name: one no recording could carry is refused before the session starts.
    for (const [title, why] of [['\u0007bell', 'control characters'], ['   ', 'must not be empty']]) {
      const refused = await refusal({ ...written, title });
      expect(refused.code).toBe('bad-scenario');
      expect(refused.message).toContain(`title: `);
      expect(refused.message).toContain(why);
    }
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('refuses a scenario over the step limit by the field, and one over the message size limit', async () => {
    const client = await TestClient.connect(port);
    const base = { name: 'big', title: 'Big', description: '', proto: 'tcp', message: 'hello' };
    const tooManySteps = Array.from({ length: SCENARIO_LIMITS.steps + 1 }, () => ({ op: 'wait', side: 'client', ms: 1 }));
    client.send({ type: 'create-session', scenario: { ...base, steps: tooManySteps }, requestId: 'steps' });
    const steps = await client.next('error', (m) => m.requestId === 'steps');
    expect(steps.code).toBe('bad-scenario');
    expect(steps.message).toMatch(/steps: .*64/);
    // Each text is within its own limit; together they pass the size of one WebSocket message.
    const longTexts = Array.from({ length: 20 }, () => ({ op: 'send', side: 'client', data: { text: 'x'.repeat(4000) } }));
    client.send({ type: 'create-session', scenario: { ...base, steps: longTexts } });
    const size = await client.next('error', (m) => m.code === 'too-large');
    expect(size.message).toContain(`at most ${MAX_CLIENT_MESSAGE_BYTES}`);
    client.send({ type: 'list-scenarios' });
    await client.next('scenarios');
    await client.close();
  });

  it('runs a session to its end, and reset opens a fresh one', async () => {
    const client = await TestClient.connect(port);
    client.send({ type: 'create-session', scenario: 'udp-echo', capture: 'off', message: '안녕' });
    const { session } = await client.next('session');
    client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    client.send({ type: 'run', sessionId: session.id, paceMs: 0 });
    await client.next('session', (m) => m.session.status === 'finished');
    expect(client.events.filter((e) => e.kind === 'datagram').map((e) => e.kind === 'datagram' && e.len)).toEqual([6, 6]);
    const from = client.received.length;
    client.send({ type: 'reset', sessionId: session.id, requestId: 'again' });
    const fresh = await client.next('session', (m) => m.requestId === 'again', from);
    expect(fresh.session).toMatchObject({ scenario: 'udp-echo', message: '안녕', status: 'ready', nextStep: 0 });
    expect(fresh.session.id).not.toBe(session.id);
    await client.close();
  });
});
