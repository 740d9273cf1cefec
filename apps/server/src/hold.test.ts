import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSockscopeServer, type SockscopeServer } from './http-server.ts';
import { SessionManager } from './session-manager.ts';
import { TestClient } from './test-client.ts';

let sockscope: SockscopeServer;
let port: number;

beforeAll(async () => {
  sockscope = createSockscopeServer(new SessionManager({ defaultCapture: 'pcap' }), { serverVersion: 'test' });
  await new Promise<void>((resolve) => sockscope.server.listen(0, '127.0.0.1', resolve));
  port = (sockscope.server.address() as AddressInfo).port;
});

afterAll(() => sockscope.close());

describe('holding the wire over the WebSocket', () => {
  it('says it is available, holds the SYN, and delivers it on request', async () => {
    const client = await TestClient.connect(port);
    expect((await client.next('welcome')).hold).toEqual({ available: true, namespace: process.getuid?.() === 0 ? 'root' : 'user' });
    client.send({ type: 'create-session', scenario: 'tcp-echo', hold: {}, requestId: 'h1' });
    const { session } = await client.next('session', (m) => m.requestId === 'h1');
    expect(session.hold).toEqual({});
    expect(session.capture).toMatchObject({ mode: 'pcap', via: 'nfqueue' });
    client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
    for (let i = 0; i < 2; i += 1) {
      const from = client.received.length;
      client.send({ type: 'step', sessionId: session.id });
      await client.next('session', (m) => m.session.id === session.id && m.session.status === 'ready' && m.session.nextStep === i + 1, from);
    }
    // connect()'s step goes on until connect() returns: the SYN is delivered while it runs.
    client.send({ type: 'step', sessionId: session.id });
    const syn = await client.next('events', (m) => m.events.some((e) => e.kind === 'segment' && e.hold !== undefined));
    const held = syn.events.find((e) => e.kind === 'segment' && e.hold !== undefined);
    client.send({ type: 'deliver', sessionId: session.id });
    const delivered = await client.next('events', (m) => m.events.some((e) => e.kind === 'delivery'));
    expect(delivered.events.find((e) => e.kind === 'delivery')).toMatchObject({ of: held?.id, verdict: 'delivered', by: 'user' });
    await client.close();
  });

  it('refuses to deliver in a session that does not hold the wire, or when nothing is in flight', async () => {
    const client = await TestClient.connect(port);
    client.send({ type: 'create-session', scenario: 'udp-echo', requestId: 'p1' });
    const plain = (await client.next('session', (m) => m.requestId === 'p1')).session;
    client.send({ type: 'deliver', sessionId: plain.id, requestId: 'd1' });
    expect(await client.next('error', (m) => m.requestId === 'd1')).toMatchObject({ code: 'hold-unavailable' });
    client.send({ type: 'create-session', scenario: 'udp-echo', hold: { delayMs: 99_999 }, requestId: 'p2' });
    expect(await client.next('error', (m) => m.requestId === 'p2')).toMatchObject({ code: 'bad-message', message: expect.stringContaining('hold.delayMs') });
    client.send({ type: 'create-session', scenario: 'udp-echo', hold: {}, requestId: 'p3' });
    const held = (await client.next('session', (m) => m.requestId === 'p3')).session;
    client.send({ type: 'drop', sessionId: held.id, requestId: 'd2' });
    expect(await client.next('error', (m) => m.requestId === 'd2')).toMatchObject({ code: 'nothing-held', message: 'no packet is in flight' });
    await client.close();
  });
});
