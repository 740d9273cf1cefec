import { execFileSync } from 'node:child_process';
import { Scenario, type CallEvent, type SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../engine-session.ts';
import { openSession } from '../open-session.ts';
import { builtInScenario } from '../scenarios/index.ts';
import { calls, findCall, flagsOf, runScenario, segments, states } from '../test-helpers.ts';

// The built-ins run as Python programs on the real kernel with real capture (demanded: 'pcap'),
// and these tests assert what the Node runtime's tests assert of the same scenarios.
const python = { capture: 'pcap', program: 'python' } as const;

const returns = (events: readonly SessionEvent[], side: string, fn: CallEvent['fn']) =>
  calls(events, side).filter((call) => call.fn === fn && call.phase !== 'enter');
const errorNotes = (events: readonly SessionEvent[]) =>
  events.filter((event) => event.kind === 'note' && (event.level === 'error' || event.code === 'state-mismatch'));

describe('tcp-echo as Python programs', async () => {
  const { events, byTime, session } = await runScenario('tcp-echo', { ...python, message: 'hello' });
  const wire = segments(byTime);
  const syn = wire.find((s) => flagsOf(s) === 'SYN');
  const synAck = wire.find((s) => flagsOf(s) === 'SYN, ACK');
  if (!syn || !synAck) throw new Error(`no handshake in ${wire.map(flagsOf).join(' | ')}`);

  it('captures the handshake, the data each way and a FIN each way, the client first', () => {
    expect(wire.every((s) => s.source === 'captured')).toBe(true);
    expect(syn.from).toBe('client');
    expect(synAck.ack).toBe(((syn.seq ?? 0) + 1) >>> 0);
    expect(wire.filter((s) => s.len > 0).map((s) => [s.from, s.relSeq, s.len, s.payload?.text])).toEqual([
      ['client', 1, 5, 'hello'],
      ['server', 1, 5, 'hello'],
    ]);
    expect(wire.filter((s) => s.flags.includes('FIN')).map((s) => s.from)).toEqual(['client', 'server']);
  });

  it("traces the program's own calls: listen() is four of them, each with its line", () => {
    const names = (side: string) => calls(events, side).filter((c) => c.phase !== 'enter').map((c) => `${c.fn}=${c.result}`);
    expect(names('server')).toEqual([
      expect.stringMatching(/^socket=\d+$/), 'setsockopt=0', 'bind=0', 'listen=0', 'accept=s2',
      'recv=5', 'send=5', 'recv=0', 'close=0', 'close=0',
    ]);
    expect(names('client')).toEqual([expect.stringMatching(/^socket=\d+$/), 'connect=0', 'send=5', 'recv=5', 'close=0']);
    expect(findCall(events, 'server', 'setsockopt', 'enter').args).toEqual({ level: 'SOL_SOCKET', option: 'SO_REUSEADDR', value: 1 });
    expect(findCall(events, 'server', 'recv', 'return')).toMatchObject({ via: 'python: data = conn.recv(1024)', line: 20, args: { data: 'hello' } });
    expect(calls(events).every((c) => c.source === 'traced' && c.via.startsWith('python: ') && typeof c.line === 'number')).toBe(true);
  });

  it('enters connect() before the SYN and returns after the SYN-ACK; accept() returns after the SYN', () => {
    expect(findCall(byTime, 'client', 'connect', 'enter').t).toBeLessThan(syn.t);
    expect(findCall(byTime, 'client', 'connect', 'return').t).toBeGreaterThan(synAck.t);
    expect(findCall(byTime, 'server', 'accept', 'enter').t).toBeLessThan(syn.t);
    expect(findCall(byTime, 'server', 'accept', 'return').t).toBeGreaterThan(synAck.t);
  });

  it('tracks each socket through the states the kernel agrees with', () => {
    expect(states(events, 'c1')).toEqual(['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    expect(states(events, 's1')).toEqual(['LISTEN', 'CLOSED']);
    expect(states(events, 's2')).toEqual(['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(errorNotes(events)).toEqual([]);
  });

  it('ends its python3 processes with the session', () => {
    const running = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(running).not.toContain(`sockscope-python-`);
    expect(session.closed).toBe(true);
  });
});

describe('udp-echo as Python programs', async () => {
  const { events, byTime } = await runScenario('udp-echo', python);

  it('sends one captured datagram each way, no segments, no states', () => {
    expect(segments(events)).toEqual([]);
    expect(byTime.filter((e) => e.kind === 'datagram').map((d) => d.kind === 'datagram' && [d.source, d.from, d.to, d.len, d.payload?.text]))
      .toEqual([['captured', 'client', 'server', 5, 'hello'], ['captured', 'server', 'client', 5, 'hello']]);
    expect(events.some((e) => e.kind === 'state')).toBe(false);
  });

  it('calls sendto and recvfrom, the server answering the address the datagram came from', () => {
    const recv = findCall(byTime, 'server', 'recvfrom', 'return');
    const send = findCall(byTime, 'client', 'sendto', 'return');
    expect(recv.args?.from).toBe(String(send.args?.local).replace('0.0.0.0', '127.0.0.1'));
    expect(findCall(byTime, 'server', 'sendto', 'enter').args?.to).toBe(recv.args?.from);
    expect(recv.t).toBeGreaterThan(byTime.find((e) => e.kind === 'datagram')?.t ?? Infinity);
    expect(calls(events, 'client').filter((c) => c.phase === 'return').map((c) => c.fn)).toEqual(['socket', 'sendto', 'recvfrom', 'close']);
    expect(errorNotes(events)).toEqual([]);
  });
});

describe('connection-refused as Python programs', async () => {
  const { byTime, events } = await runScenario('connection-refused', python);
  const wire = segments(byTime);

  it('captures the SYN to the closed port and the RST; connect() raises ECONNREFUSED after it', () => {
    expect(wire.map((s) => `${s.from}: ${flagsOf(s)}`)).toEqual(['client: SYN', 'server: RST, ACK']);
    expect(wire[0]?.dst).toMatch(/:7009$/);
    const [failed] = returns(byTime, 'client', 'connect');
    expect(failed).toMatchObject({ phase: 'error', errno: 'ECONNREFUSED', message: 'Connection refused', line: 14 });
    expect(failed?.t).toBeGreaterThanOrEqual(wire[1]?.t ?? Infinity);
  });

  it('catches the refusal in the program, which the session ends without an error', () => {
    expect(events.filter((e) => e.kind === 'note' && e.level === 'error')).toEqual([]);
    expect(findCall(events, 'client', 'close', 'return').via).toBe('the session ends: sockscope closes what the program left open');
  });
});

describe('half-close as Python programs', async () => {
  const { byTime, events } = await runScenario('half-close', python);
  const wire = segments(byTime);
  const clientFin = wire.find((s) => s.from === 'client' && s.flags.includes('FIN'));
  const reply = wire.find((s) => s.from === 'server' && s.len > 0);

  it("sends the client's FIN at shutdown(SHUT_WR)", () => {
    const shutdown = findCall(byTime, 'client', 'shutdown', 'enter');
    expect(shutdown.args).toEqual({ how: 'SHUT_WR' });
    expect(clientFin?.t).toBeGreaterThanOrEqual(shutdown.t);
  });

  it('lets the server read the data, then end of file, and still send after it', () => {
    expect(returns(byTime, 'server', 'recv').map((call) => call.result)).toEqual([5, 0]);
    expect(reply?.payload?.text).toBe('still here');
    expect(reply?.t).toBeGreaterThan(clientFin?.t ?? Infinity);
  });

  it('lets the client receive after its own FIN; then the server closes', () => {
    expect(returns(byTime, 'client', 'recv').map((call) => [call.result, call.args?.data])).toEqual([[10, 'still here'], [0, undefined]]);
    const serverFin = wire.find((s) => s.from === 'server' && s.flags.includes('FIN'));
    expect(serverFin?.t).toBeGreaterThan(reply?.t ?? Infinity);
    expect(errorNotes(events)).toEqual([]);
  });
});

describe('udp-closed-port as Python programs: the error the scenario shows is said, and the program goes on', async () => {
  const { byTime, events } = await runScenario('udp-closed-port', python);

  it('raises ECONNREFUSED at recvfrom() after the ICMP port unreachable, inside try, and the client still closes', () => {
    const icmp = byTime.find((e) => e.kind === 'icmp');
    const failed = returns(byTime, 'client', 'recvfrom')[0];
    expect(failed).toMatchObject({ phase: 'error', errno: 'ECONNREFUSED', via: expect.stringContaining('recvfrom(') });
    expect(failed?.t).toBeGreaterThan(icmp?.t ?? Infinity);
    expect(returns(byTime, 'client', 'close')).toMatchObject([{ phase: 'return', result: 0 }]);
    expect(errorNotes(events)).toEqual([]);
  });
});

describe('a Python program that does not catch an error', () => {
  it('ends at it, and the step after it says, with the line, that nothing runs it', async () => {
    // connect() before anything listens: the kernel refuses it, and this scenario does not expect that.
    const scenario = Scenario.parse({
      name: 'too-early', title: 'Too early', description: '', proto: 'tcp', message: 'hi',
      steps: [{ op: 'connect', side: 'client' }, { op: 'listen', side: 'server' }, { op: 'close', side: 'client' }],
    });
    const session = await runToEnd(await openSession({ scenario, ...python }));
    const events = session.log.all();
    const program = session.programs.find((one) => one.side === 'client')?.source.split('\n') ?? [];
    const line = program.findIndex((text) => text.includes('.connect((HOST, PORT))')) + 1;
    expect(returns(events, 'client', 'connect')).toMatchObject([{ phase: 'error', errno: 'ECONNREFUSED', line }]);
    expect(events.filter((e) => e.kind === 'note' && e.level === 'error').map((e) => e.kind === 'note' && e.text)).toEqual([
      `Step 1 (client: connect()) failed: the client program stopped at line ${line}: ConnectionRefusedError: [Errno 111] Connection refused`,
      `Step 3 (client: close()) failed: the client program stopped at line ${line}: ConnectionRefusedError: [Errno 111] Connection refused: nothing runs this step`,
    ]);
  });
});

describe('tcp-echo as Python programs without capture', async () => {
  const { events, byTime } = await runScenario('tcp-echo', { capture: 'off', program: 'python' });

  it('infers the handshake from connect(), the SYN when it was called, and the kernel agrees with every state', () => {
    expect(segments(byTime).map((s) => `${s.from}: ${flagsOf(s)} ${s.len}`)).toEqual([
      'client: SYN 0', 'server: SYN, ACK 0', 'client: ACK 0',
      'client: PSH, ACK 5', 'server: ACK 0', 'server: PSH, ACK 5', 'client: ACK 0',
      'client: FIN, ACK 0', 'server: ACK 0', 'server: FIN, ACK 0', 'client: ACK 0',
    ]);
    expect(segments(events).every((s) => s.source === 'inferred')).toBe(true);
    expect(segments(byTime)[0]?.t).toBe(findCall(byTime, 'client', 'connect', 'enter').t);
    expect(errorNotes(events)).toEqual([]);
  });
});

describe('tcp-echo as Python programs in a network namespace of its own, as the server opens it', async () => {
  const { events } = await runScenario('tcp-echo', python, openSession);

  it("runs the programs in the session's process there: the same calls, with their lines", () => {
    expect(calls(events, 'client').filter((c) => c.phase !== 'enter').map((c) => `${c.fn} ${c.via}`)).toEqual([
      'socket python: client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', 'connect python: client.connect((HOST, PORT))',
      'send python: client.send(b"hello")', 'recv python: data = client.recv(1024)', 'close python: client.close()',
    ]);
    expect(segments(events).filter((s) => s.len > 0).map((s) => `${s.from} ${s.payload?.text}`)).toEqual(['client hello', 'server hello']);
    expect(errorNotes(events)).toEqual([]);
  });

  it('refuses to hold the wire for Python programs, saying so', async () => {
    await expect(openSession({ scenario: builtInScenario('tcp-echo'), capture: 'pcap', program: 'python', hold: {} }))
      .rejects.toMatchObject({ code: 'hold-unavailable', message: 'a session of Python programs cannot hold the wire yet; run it without hold' });
  });
});
