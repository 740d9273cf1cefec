import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SessionError } from './errors.ts';
import { runToEnd } from './engine-session.ts';
import { builtInScenario } from './scenarios/index.ts';
import { Session } from './session.ts';
import { calls, findCall, flagsOf, runScenario, segments, states } from './test-helpers.ts';

// These run real sessions on the kernel with real tcpdump capture. Capture is demanded ('pcap'):
// where it cannot start, these tests fail with tcpdump's reason instead of testing less.
describe('a TCP echo session with capture', async () => {
  const { events, byTime, session } = await runScenario('tcp-echo', { capture: 'pcap', message: 'hello' });
  const wire = segments(byTime);
  const syn = wire.find((s) => flagsOf(s) === 'SYN');
  const synAck = wire.find((s) => flagsOf(s) === 'SYN, ACK');
  if (!syn || !synAck) throw new Error(`no handshake in ${wire.map(flagsOf).join(' | ')}`);
  const handshakeAck = wire.find((s) => s.t >= synAck.t && s.from === 'client' && flagsOf(s) === 'ACK');

  it('captures every segment on the wire', () => {
    expect(session.captureStatus.mode).toBe('pcap');
    expect(wire.length).toBeGreaterThanOrEqual(9);
    expect(wire.every((s) => s.source === 'captured')).toBe(true);
  });

  it('opens with SYN, SYN-ACK acking SYN.seq + 1, and the third ACK', () => {
    expect(syn.from).toBe('client');
    expect(syn.to).toBe('server');
    expect(syn.relSeq).toBe(0);
    expect(syn.options?.mss).toBeGreaterThan(0);
    expect(syn.options?.sackOk).toBe(true);
    expect(syn.options?.ts).toBeDefined();
    expect(synAck.from).toBe('server');
    expect(synAck.ack).toBe(((syn.seq ?? 0) + 1) >>> 0);
    expect(synAck.relAck).toBe(1);
    expect(handshakeAck?.ack).toBe(((synAck.seq ?? 0) + 1) >>> 0);
    expect(handshakeAck?.relSeq).toBe(1);
    expect(handshakeAck?.relAck).toBe(1);
  });

  it("carries the client's data at relative seq 1 and the echo back", () => {
    const data = wire.filter((s) => s.len > 0);
    expect(data.map((s) => [s.from, s.relSeq, s.len, s.payload?.text])).toEqual([
      ['client', 1, 5, 'hello'],
      ['server', 1, 5, 'hello'],
    ]);
    expect(data.every((s) => s.flags.includes('PSH') && s.flags.includes('ACK'))).toBe(true);
  });

  it('closes with a FIN each way, the client first, each acknowledged', () => {
    const fins = wire.filter((s) => s.flags.includes('FIN'));
    expect(fins.map((s) => s.from)).toEqual(['client', 'server']);
    for (const fin of fins) {
      const acked = wire.find((s) => s.t >= fin.t && s.from === fin.to && s.ack === (((fin.seq ?? 0) + fin.len + 1) >>> 0));
      expect(acked, `the ACK of the ${fin.from}'s FIN`).toBeDefined();
    }
  });

  it('enters connect() before the SYN and returns after the SYN-ACK; accept() returns after the third ACK', () => {
    const connectEnter = findCall(byTime, 'client', 'connect', 'enter');
    const connectReturn = findCall(byTime, 'client', 'connect', 'return');
    const acceptEnter = findCall(byTime, 'server', 'accept', 'enter');
    const acceptReturn = findCall(byTime, 'server', 'accept', 'return');
    expect(connectEnter.t).toBeLessThan(syn.t);
    expect(connectReturn.t).toBeGreaterThan(synAck.t);
    expect(acceptEnter.t).toBeLessThan(syn.t);
    expect(acceptReturn.t).toBeGreaterThan(handshakeAck?.t ?? Infinity);
    expect(acceptReturn.result).toBe('s2');
  });

  it('traces every call with Berkeley names and the Node call behind it', () => {
    const names = (side: string) => calls(events, side).filter((c) => c.phase !== 'enter').map((c) => `${c.fn}=${c.result}`);
    expect(names('server')).toEqual([
      expect.stringMatching(/^socket=\d+$/), 'setsockopt=0', 'bind=0', 'listen=0', 'accept=s2',
      'recv=5', 'send=5', 'recv=0', 'close=0', 'close=0',
    ]);
    expect(names('client')).toEqual(['socket=null', 'connect=0', 'send=5', 'recv=5', 'close=0']);
    expect(calls(events).every((c) => c.source === 'traced' && c.via.length > 0)).toBe(true);
    expect(findCall(events, 'server', 'listen', 'return').via).toBe('net.createServer().listen() in the listening process');
  });

  it('tracks each socket through RFC 9293 states, in agreement with the kernel', () => {
    expect(states(events, 'c1')).toEqual(['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    expect(states(events, 's1')).toEqual(['LISTEN', 'CLOSED']);
    expect(states(events, 's2')).toEqual(['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(events.filter((e) => e.kind === 'note' && e.code === 'state-mismatch')).toEqual([]);
    const lastTable = events.filter((e) => e.kind === 'sockets').at(-1);
    expect(lastTable?.kind === 'sockets' && lastTable.rows.map((r) => `${r.socket} ${r.state}`)).toEqual(['c1 TIME-WAIT']);
  });

  it('reads the kernel table at every step and marks step boundaries', () => {
    const steps = builtInScenario('tcp-echo').steps.length;
    expect(events.filter((e) => e.kind === 'note' && e.code === 'step-end')).toHaveLength(steps);
    expect(events.filter((e) => e.kind === 'sockets').length).toBeGreaterThanOrEqual(steps);
    const afterConnect = events.filter((e) => e.kind === 'sockets')[2];
    expect(afterConnect?.kind === 'sockets' && afterConnect.rows.map((r) => `${r.socket} ${r.state} ${r.recvQ}`))
      .toEqual(['s1 LISTEN 0', 'c1 ESTABLISHED 0', 's2 ESTABLISHED 0']);
  });

  it('ends cleanly: tcpdump gone, sockets closed', () => {
    const running = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(running).not.toContain(`host ${session.address}`);
  });
});

describe('a UDP echo session with capture', async () => {
  const { events, byTime } = await runScenario('udp-echo', { capture: 'pcap', message: 'hello' });

  it('has no segments and one datagram each way', () => {
    expect(segments(events)).toEqual([]);
    const datagrams = byTime.filter((e) => e.kind === 'datagram');
    expect(datagrams.map((d) => d.kind === 'datagram' && [d.source, d.from, d.to, d.len, d.payload?.text])).toEqual([
      ['captured', 'client', 'server', 5, 'hello'],
      ['captured', 'server', 'client', 5, 'hello'],
    ]);
  });

  it('calls sendto and recvfrom on both sides, in order', () => {
    for (const side of ['client', 'server']) {
      const fns = calls(byTime, side).filter((c) => c.phase === 'return').map((c) => c.fn);
      expect(fns.filter((fn) => fn === 'sendto' || fn === 'recvfrom')).toEqual(
        side === 'client' ? ['sendto', 'recvfrom'] : ['recvfrom', 'sendto'],
      );
    }
    const serverRecv = findCall(byTime, 'server', 'recvfrom', 'return');
    const firstDatagram = byTime.find((e) => e.kind === 'datagram');
    expect(serverRecv.t).toBeGreaterThan(firstDatagram?.t ?? Infinity);
    expect(events.some((e) => e.kind === 'state')).toBe(false);
  });
});

describe('a session without capture', async () => {
  const captured = await runScenario('tcp-echo', { capture: 'pcap' });
  const inferred = await runScenario('tcp-echo', { capture: 'off' });
  const significant = (events: typeof captured.byTime) => segments(events)
    .filter((s) => s.flags.some((f) => f === 'SYN' || f === 'FIN' || f === 'RST') || s.len > 0)
    .map((s) => `${s.from}>${s.to} ${flagsOf(s)} relSeq=${s.relSeq} len=${s.len}`);

  it('says why capture is off', () => {
    expect(inferred.session.captureStatus).toEqual({ mode: 'inferred', reason: 'capture was turned off for this session' });
    const note = inferred.events.find((e) => e.kind === 'note' && e.code === 'capture');
    expect(note?.kind === 'note' && note.text).toMatch(/^Capture off: .*inferred/);
  });

  it('infers the same shape of stream, every wire event marked inferred', () => {
    const wire = segments(inferred.events);
    expect(wire.length).toBeGreaterThan(0);
    expect(wire.every((s) => s.source === 'inferred' && s.seq === undefined)).toBe(true);
    expect(significant(inferred.byTime)).toEqual(significant(captured.byTime));
    expect(states(inferred.events, 'c1')).toEqual(states(captured.events, 'c1'));
    expect(states(inferred.events, 's2')).toEqual(states(captured.events, 's2'));
  });

  it('infers UDP datagrams too', async () => {
    const udp = await runScenario('udp-echo', { capture: 'off' });
    const datagrams = udp.byTime.filter((e) => e.kind === 'datagram');
    expect(datagrams.map((d) => d.kind === 'datagram' && `${d.source} ${d.from}>${d.to} ${d.len}`))
      .toEqual(['inferred client>server 5', 'inferred server>client 5']);
  });
});

describe('capture that cannot start', () => {
  it('fails a session that demands it, with the reason', async () => {
    const saved = process.env.SOCKSCOPE_TCPDUMP;
    process.env.SOCKSCOPE_TCPDUMP = '/nonexistent/tcpdump';
    try {
      const scenario = builtInScenario('tcp-echo');
      const opening = Session.open({ scenario, capture: 'pcap' });
      await expect(opening).rejects.toBeInstanceOf(SessionError);
      await expect(opening).rejects.toThrow(/tcpdump is not installed/);
      const fallback = await Session.open({ scenario, capture: 'auto' });
      expect(fallback.captureStatus.mode).toBe('inferred');
      expect(fallback.captureStatus.reason).toMatch(/setcap cap_net_raw,cap_net_admin\+eip/);
      await fallback.close();
    } finally {
      if (saved === undefined) delete process.env.SOCKSCOPE_TCPDUMP;
      else process.env.SOCKSCOPE_TCPDUMP = saved;
    }
  });
});

describe('a tcpdump that may not capture', () => {
  it('falls back to inference with its reason, and the process lives on', async () => {
    // A stand-in for tcpdump without capture rights: it says what the real one says, and exits 1.
    const fake = path.join(mkdtempSync(path.join(tmpdir(), 'sockscope-')), 'tcpdump');
    writeFileSync(fake, "#!/bin/sh\necho \"tcpdump: lo: You don't have permission to capture on that device\" >&2\nexit 1\n");
    chmodSync(fake, 0o755);
    const saved = process.env.SOCKSCOPE_TCPDUMP;
    process.env.SOCKSCOPE_TCPDUMP = fake;
    try {
      const session = await Session.open({ scenario: builtInScenario('udp-echo'), capture: 'auto' });
      expect(session.captureStatus.reason).toMatch(/may not capture here .*setcap cap_net_raw,cap_net_admin\+eip/);
      // The capture's marker timers must not outlive it (they once threw on the closed socket).
      await sleep(100);
      await runToEnd(session);
      expect(segments(session.log.all()).length).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SOCKSCOPE_TCPDUMP;
      else process.env.SOCKSCOPE_TCPDUMP = saved;
    }
  });
});

describe('sessions side by side', () => {
  it('are isolated: each sees only its own packets', async () => {
    const [tcp, udp] = await Promise.all([
      runScenario('tcp-echo', { capture: 'pcap' }),
      runScenario('udp-echo', { capture: 'pcap' }),
    ]);
    expect(tcp.session.address).not.toBe(udp.session.address);
    expect(tcp.events.some((e) => e.kind === 'datagram')).toBe(false);
    expect(segments(udp.events)).toEqual([]);
    const own = (address: string, e: { src: string; dst: string }) => e.src.startsWith(`${address}:`) || e.dst.startsWith(`${address}:`);
    expect(segments(tcp.events).every((s) => own(tcp.session.address, s))).toBe(true);
  });
});
