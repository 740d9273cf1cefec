import type { CallEvent, DeliveryEvent, NoteEvent, SegmentEvent, SessionEvent, SocketRow } from '@sockscope/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from '../engine-session.ts';
import { builtInScenario } from '../scenarios/index.ts';
import { holdAvailability } from './availability.ts';
import { CALL_WAIT_LIMIT_MS } from './call-wait.ts';
import { RemoteSession } from './remote-session.ts';

// Real kernel, real NFQUEUE, a real TCP echo: one packet of each kind is dropped by the rule,
// every other one delivered at once, and the session must come out whole the way the kernels
// make it whole. Unavailable holding fails these tests with its reason (see held.test.ts).
beforeAll(async () => {
  const availability = await holdAvailability();
  if (!availability.available) throw new Error(`holding the wire is unavailable: ${availability.reason}`);
});

const segments = (events: readonly SessionEvent[]) => events.filter((event): event is SegmentEvent => event.kind === 'segment');
const calls = (events: readonly SessionEvent[], side: string, fn: string) =>
  events.filter((event): event is CallEvent => event.kind === 'call' && event.side === side && event.fn === fn);
const returned = (events: readonly SessionEvent[], side: string, fn: string) => calls(events, side, fn).filter((call) => call.phase !== 'enter');
const verdictOf = (events: readonly SessionEvent[], id: number | undefined) =>
  events.find((event): event is DeliveryEvent => event.kind === 'delivery' && event.of === id);
const lastTable = (events: readonly SessionEvent[]): SocketRow[] => {
  const reading = events.findLast((event) => event.kind === 'sockets');
  return reading?.kind === 'sockets' ? reading.rows : [];
};

/** Runs a TCP echo to its end with every packet delivered at once but the first of kind `drop`. */
async function echoDropping(drop: string): Promise<{ events: readonly SessionEvent[]; dropped: SegmentEvent }> {
  const session = await runToEnd(await RemoteSession.open({ scenario: builtInScenario('tcp-echo'), hold: { delayMs: 0, drop } }));
  const events = session.log.all();
  const drops = events.filter((event): event is DeliveryEvent => event.kind === 'delivery' && event.verdict === 'dropped');
  expect(drops.map((d) => d.by)).toEqual(['rule']);
  const dropped = segments(events).find((segment) => segment.id === drops[0]?.of);
  if (!dropped) throw new Error('the dropped packet is not a segment in the log');
  return { events, dropped };
}

/** The kernel's copy of `dropped`: captured, linked to it, the same sequence number, delivered. */
function retransmissionOf(events: readonly SessionEvent[], dropped: SegmentEvent): SegmentEvent {
  const again = segments(events).find((segment) => segment.retransmitOf === dropped.id);
  expect(again).toMatchObject({ source: 'captured', from: dropped.from, seq: dropped.seq, flags: dropped.flags, len: dropped.len, analysis: 'retransmission' });
  expect(verdictOf(events, again?.id)?.verdict).toBe('delivered');
  return again as SegmentEvent;
}

/** The whole echo happened after all: no step failed, the message went there and back, both closed. */
function expectWholeEcho(events: readonly SessionEvent[]): void {
  expect(events.filter((event): event is NoteEvent => event.kind === 'note' && event.level === 'error').map((note) => note.text)).toEqual([]);
  expect(returned(events, 'client', 'connect')).toMatchObject([{ phase: 'return', result: 0 }]);
  expect(returned(events, 'server', 'accept')).toMatchObject([{ phase: 'return', result: 's2' }]);
  expect(returned(events, 'server', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[5, 'hello'], [0, undefined]]);
  expect(returned(events, 'client', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[5, 'hello']]);
  // The client closed first: its socket waits in TIME-WAIT; the server's is gone.
  expect(lastTable(events).filter((row) => row.socket !== 's1').map((row) => [row.socket, row.state])).toEqual([['c1', 'TIME-WAIT']]);
}

const ms = (later: SessionEvent, earlier: SessionEvent) => (later.t - earlier.t) / 1000;

describe('a dropped packet, made good by the kernels', () => {
  it('SYN: the client sends it again after its 1 s timeout, and connect() returns only then', async () => {
    const { events, dropped } = await echoDropping('SYN');
    expect(dropped).toMatchObject({ from: 'client', flags: ['SYN'] });
    const again = retransmissionOf(events, dropped);
    expect(ms(again, dropped)).toBeGreaterThan(800);
    const connected = returned(events, 'client', 'connect')[0];
    expect(connected && connected.t > again.t).toBe(true);
    expectWholeEcho(events);
  });

  it('SYN-ACK: the server sends it again (the client its SYN too), and the step waits for connect() meanwhile', async () => {
    const { events, dropped } = await echoDropping('SYN, ACK');
    expect(dropped).toMatchObject({ from: 'server', flags: ['SYN', 'ACK'] });
    const again = retransmissionOf(events, dropped);
    expect(ms(again, dropped)).toBeGreaterThan(800);
    // connect() returned within its own step, not in a later one.
    const connectStep = events.findIndex((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === 2);
    const connected = events.findIndex((event) => event.kind === 'call' && event.fn === 'connect' && event.phase === 'return');
    expect(connected).toBeGreaterThan(-1);
    expect(connected).toBeLessThan(connectStep);
    expectWholeEcho(events);
  });

  it('the handshake\'s ACK: the server, still in SYN-RECEIVED, sends its SYN-ACK again and the client answers with a new ACK', async () => {
    const { events, dropped } = await echoDropping('ACK');
    expect(dropped).toMatchObject({ from: 'client', flags: ['ACK'], len: 0, relSeq: 1, relAck: 1 });
    const synAck = segments(events).find((segment) => segment.from === 'server' && segment.flags.join() === 'SYN,ACK');
    const again = retransmissionOf(events, synAck as SegmentEvent);
    expect(ms(again, dropped)).toBeGreaterThan(800);
    // The client's next segment is that answer, a bare ACK, before any data: it completes the server's handshake.
    const next = segments(events).find((segment) => segment.from === 'client' && segment.id > again.id);
    expect(next).toMatchObject({ flags: ['ACK'], len: 0, ack: dropped.ack });
    expect(verdictOf(events, next?.id)?.verdict).toBe('delivered');
    const accepted = returned(events, 'server', 'accept')[0];
    const sent = calls(events, 'client', 'send')[0];
    expect(accepted && next && sent && accepted.t > next.t && accepted.id < sent.id).toBe(true);
    expectWholeEcho(events);
  });

  it('a data segment: the client sends the same bytes again after its retransmission timeout (200 ms or more)', async () => {
    const { events, dropped } = await echoDropping('DATA');
    expect(dropped).toMatchObject({ from: 'client', len: 5, payload: { text: 'hello' } });
    const again = retransmissionOf(events, dropped);
    expect(ms(again, dropped)).toBeGreaterThanOrEqual(190);
    const read = returned(events, 'server', 'recv')[0];
    expect(read && read.t > again.t).toBe(true);
    expectWholeEcho(events);
  });

  it('a FIN: the client sends it again, and the server reads end-of-file only after that copy arrives', async () => {
    const { events, dropped } = await echoDropping('FIN, ACK');
    expect(dropped).toMatchObject({ from: 'client', flags: ['FIN', 'ACK'] });
    const again = retransmissionOf(events, dropped);
    expect(ms(again, dropped)).toBeGreaterThanOrEqual(190);
    const eof = returned(events, 'server', 'recv')[1];
    expect(eof && eof.t > again.t).toBe(true);
    expectWholeEcho(events);
  });
});

describe('a step whose call waits on a held packet', () => {
  it(`ends after ${CALL_WAIT_LIMIT_MS / 1000} s without a verdict, saying which call waits and for what`, async () => {
    const session = await RemoteSession.open({ scenario: builtInScenario('tcp-echo'), hold: {} });
    try {
      const started = Date.now();
      for (let i = 0; i < 3; i += 1) await session.step(); // listen, accept, connect: the SYN waits for a verdict
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(CALL_WAIT_LIMIT_MS);
      const note = session.log.all().findLast((event): event is NoteEvent => event.kind === 'note' && event.level === 'error');
      expect(note?.step?.index).toBe(2);
      expect(note?.text).toMatch(/^Step 3 \(client: connect\(\)\) ends with the server's accept\(\) and the client's connect\(\) still waiting after \d+\.\d s, nothing having happened for 10 s: /);
      expect(note?.text).toMatch(/1 packet waits in the kernel's queue \(the oldest: SYN \(#\d+\)\), for Deliver or Drop\.$/);
      // The call goes on waiting: verdicts now let the handshake finish.
      await expect.poll(async () => {
        if (session.heldPackets.length > 0) await session.decide('delivered', { all: true }).catch(() => undefined);
        return returned(session.log.all(), 'client', 'connect').length;
      }, { timeout: 5000 }).toBe(1);
    } finally {
      await session.close();
    }
  }, 30_000);
});
