import type { CallEvent, SessionEvent, SocketRow } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { openSession } from './open-session.ts';
import { calls, runScenario, segments } from './test-helpers.ts';

// The lessons run on the real kernel with real capture (demanded: 'pcap'), each in a network
// namespace of its own (openSession, as the server runs them), by every runtime that can make
// their calls; the tests assert what the kernel did.

const returns = (events: readonly SessionEvent[], side: string, fn: CallEvent['fn']) =>
  calls(events, side).filter((call) => call.fn === fn && call.phase !== 'enter');
// A state-mismatch note (a kernel reading ahead of a packet tcpdump has not handed over yet on a
// loaded machine) is the engine's race, not the lesson's: the lessons must only run without an error.
const errorNotes = (events: readonly SessionEvent[]) => events.filter((event) => event.kind === 'note' && event.level === 'error');

/** The kernel table read at the end of step `index` (0-based). */
function tableAfterStep(events: readonly SessionEvent[], index: number): SocketRow[] {
  const end = events.findIndex((event) => event.kind === 'note' && event.code === 'step-end' && event.step?.index === index);
  const reading = events.slice(0, end).findLast((event) => event.kind === 'sockets');
  if (!reading || reading.kind !== 'sockets') throw new Error(`no kernel reading before the end of step ${index + 1}`);
  return reading.rows;
}

for (const program of ['node', 'python'] as const) {
  describe(`serial-server (${program})`, async () => {
    const { byTime, events } = await runScenario('serial-server', { capture: 'pcap', program }, openSession);
    const wire = segments(byTime);

    it('accepts two connections, one after the other, each a new socket', () => {
      const accepted = returns(byTime, 'server', 'accept');
      expect(accepted.map((call) => call.phase)).toEqual(['return', 'return']);
      const [first, second] = accepted.map((call) => String(call.result));
      expect(first).not.toBe(second);
      expect(wire.filter((s) => s.flags.join(', ') === 'SYN').length).toBe(2);
      // The second client's SYN comes after the first connection's last FIN: one client at a time.
      const fins = wire.filter((s) => s.flags.includes('FIN'));
      const secondSyn = wire.filter((s) => s.flags.join(', ') === 'SYN')[1];
      expect(fins.filter((s) => s.t < (secondSyn?.t ?? 0)).map((s) => s.from)).toEqual(['client', 'server']);
    });

    it('keeps the listener in LISTEN after the first connection has closed', () => {
      const listener = returns(byTime, 'server', 'listen')[0]?.socket;
      const rows = tableAfterStep(events, 9);
      expect(rows.find((row) => row.socket === listener)?.state).toBe('LISTEN');
    });

    it('echoes each whole message, both times', () => {
      const data = wire.filter((s) => s.len > 0).map((s) => [s.from, s.payload?.text]);
      expect(data).toEqual([['client', 'hello'], ['server', 'hello'], ['client', 'hello'], ['server', 'hello']]);
      expect(returns(byTime, 'client', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[5, 'hello'], [5, 'hello']]);
      expect(returns(byTime, 'server', 'recv').map((call) => call.result)).toEqual([5, 0, 5, 0]);
      expect(wire.every((s) => s.source === 'captured')).toBe(true);
      expect(errorNotes(events)).toEqual([]);
    });
  });
}

describe('reuseaddr (python)', async () => {
  const { byTime, events } = await runScenario('reuseaddr', { capture: 'pcap', program: 'python' }, openSession);
  const binds = returns(byTime, 'server', 'bind');

  it("keeps the server's closed connection in TIME-WAIT on the port after its listener has closed", () => {
    const old = returns(byTime, 'server', 'accept')[0]?.result;
    expect(tableAfterStep(events, 10).find((row) => row.socket === old)).toMatchObject({ state: 'TIME-WAIT', local: expect.stringMatching(/:7007$/) });
  });

  it('fails bind() with EADDRINUSE without SO_REUSEADDR, which getsockopt() reads as 0', () => {
    expect(binds.map((call) => [call.phase, call.errno])).toEqual([['return', undefined], ['error', 'EADDRINUSE'], ['return', undefined]]);
    const failed = binds[1];
    const options = calls(byTime, 'server').filter((call) => call.socket === failed?.socket && call.phase === 'return' && call.fn.endsWith('sockopt'));
    expect(options.map((call) => [call.fn, call.result])).toEqual([['getsockopt', 0]]);
  });

  it('binds with SO_REUSEADDR while the old connection is still in TIME-WAIT, and the next client connects', () => {
    const again = binds[2];
    const reuse = calls(byTime, 'server').find((call) => call.socket === again?.socket && call.fn === 'setsockopt' && call.phase === 'enter');
    expect(reuse?.args).toMatchObject({ option: 'SO_REUSEADDR', value: 1 });
    expect(tableAfterStep(events, 12).map((row) => row.state)).toEqual(expect.arrayContaining(['TIME-WAIT', 'LISTEN']));
    const syns = segments(byTime).filter((s) => s.flags.join(', ') === 'SYN');
    expect(syns.length).toBe(2);
    expect(syns[1]?.t).toBeGreaterThan(again?.t ?? Infinity);
    expect(returns(byTime, 'server', 'accept').map((call) => call.phase)).toEqual(['return', 'return']);
    expect(errorNotes(events)).toEqual([]);
  });

  it('is refused by Node, which says why', async () => {
    await expect(runScenario('reuseaddr', { capture: 'off', program: 'node' }, openSession))
      .rejects.toMatchObject({ code: 'runtime-unavailable', message: expect.stringMatching(/step 12: Node cannot bind\(\) .* without SO_REUSEADDR/) });
  });
});

describe('read-write (python)', async () => {
  const { byTime, events } = await runScenario('read-write', { capture: 'pcap', program: 'python' }, openSession);

  it('calls write() and read() on the descriptors, never send() or recv()', () => {
    // Each side's calls in its order; the two programs' calls interleave as their processes run.
    const made = (side: string) => calls(byTime, side).filter((call) => call.phase !== 'enter').map((call) => `${call.fn}=${call.result}`);
    expect([...made('client'), ...made('server')].filter((call) => /send|recv/.test(call))).toEqual([]);
    expect(made('client').filter((call) => /read|write/.test(call))).toEqual(['write=5', 'read=5']);
    expect(made('server').filter((call) => /read|write/.test(call))).toEqual(['read=5', 'write=5', 'read=0']);
    const write = calls(byTime, 'client').find((call) => call.fn === 'write' && call.phase === 'enter');
    const connected = returns(byTime, 'client', 'connect')[0];
    expect(write?.args).toMatchObject({ fd: connected?.args?.fd, len: 5, data: 'hello' });
  });

  it('puts the same packets on the wire as send() and recv(): the echo, a FIN each way', () => {
    const wire = segments(byTime);
    expect(wire.filter((s) => s.len > 0).map((s) => [s.from, s.payload?.text])).toEqual([['client', 'hello'], ['server', 'hello']]);
    expect(wire.filter((s) => s.flags.includes('FIN')).map((s) => s.from)).toEqual(['client', 'server']);
    expect(errorNotes(events)).toEqual([]);
  });

  it('is refused by Node, which says why', async () => {
    await expect(runScenario('read-write', { capture: 'off', program: 'node' }, openSession))
      .rejects.toMatchObject({ code: 'runtime-unavailable', message: expect.stringMatching(/Node cannot read\(\) a socket's descriptor/) });
  });
});

describe('nagle (python)', async () => {
  const { byTime, events } = await runScenario('nagle', { capture: 'pcap', program: 'python' }, openSession);
  const sends = (conn: string) => returns(byTime, 'client', 'send').filter((call) => call.socket === conn);
  /** The client's data segments on a connection, retransmissions left out: what the sends became. */
  const dataSegments = (conn: string) => {
    const local = returns(byTime, 'client', 'connect').find((call) => call.socket === conn)?.args?.local;
    return segments(byTime).filter((s) => s.src === local && s.len > 0 && !s.analysis?.includes('retransmission'));
  };

  it('joins the small sends into fewer segments with Nagle while the first is unacknowledged', () => {
    expect(sends('c1').map((call) => call.result)).toEqual([5, 5, 5, 5, 5]);
    const nagle = dataSegments('c1');
    expect(nagle.length).toBeLessThan(5);
    expect(nagle.reduce((bytes, s) => bytes + s.len, 0)).toBe(25);
    // The joined segment leaves only once the server's (delayed) ACK of the first has come.
    const firstAck = segments(byTime).find((s) => s.from === 'server' && s.t > (nagle[0]?.t ?? Infinity));
    expect(nagle[1]?.t).toBeGreaterThanOrEqual(firstAck?.t ?? Infinity);
  });

  it('sends one segment for each send() with TCP_NODELAY, which getsockopt() reads back as 1', () => {
    expect(dataSegments('c2').map((s) => s.payload?.text)).toEqual(['hello', 'hello', 'hello', 'hello', 'hello']);
    const kept = returns(byTime, 'client', 'getsockopt').find((call) => call.socket === 'c2');
    expect(kept?.result).toBe(1);
    expect(returns(byTime, 'server', 'recv').map((call) => call.result)).toEqual([25, 25]);
    expect(errorNotes(events)).toEqual([]);
  });

  it('is refused by Node, which says why', async () => {
    await expect(runScenario('nagle', { capture: 'off', program: 'node' }, openSession))
      .rejects.toMatchObject({ code: 'runtime-unavailable', message: expect.stringMatching(/TCP_QUICKACK/) });
  });
});
