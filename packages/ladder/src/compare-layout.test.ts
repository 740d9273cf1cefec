import type { SessionEvent } from '@sockscope/protocol';
import { recordedScenario, recordedScenarios, recordedSession } from '@sockscope/recordings/test-sessions';
import { describe, expect, it } from 'vitest';
import { occupiedBands } from './absence-marks.ts';
import { alignSteps, meaningKey } from './compare-align.ts';
import { layoutCompared, type ComparedSession } from './compare-layout.ts';
import type { LadderLayout } from './layout.ts';

function session(name: string, packets: 'captured' | 'inferred' = 'captured', upTo = Infinity): ComparedSession {
  const track = recordedSession(name, packets).tracks[0]!;
  // The events up to the start of step `upTo`: the session as the page holds it after that many steps.
  const cut = recordedScenario(name, packets).findIndex((event) => event.kind === 'note' && event.code === 'step-start' && (event.step?.index ?? 0) >= upTo);
  const events = recordedScenario(name, packets);
  return { events: cut < 0 ? events : events.slice(0, cut), steps: track.scenario!.steps, proto: track.proto };
}

/** The line of the call a step is named after (`send` in `client: send()`), on that side. */
function callLine(layout: LadderLayout, step: number, side: string, fn: string): number {
  const call = layout.calls.find((item) => item.side === side && item.fn === fn && layout.rows[item.rowStart]!.stepIndex === step);
  if (!call) throw new Error(`step ${step} has no ${fn}() on the ${side}`);
  return layout.rows[call.rowStart]!.center;
}
const kinds = (layout: LadderLayout) => (layout.absences ?? []).map((mark) => mark.kind);

describe('TCP echo beside UDP echo, lined up by meaning', () => {
  for (const packets of ['captured', 'inferred'] as const) {
    const [tcp, udp] = layoutCompared([session('tcp-echo', packets), session('udp-echo', packets)], { timeMode: 'event', zoom: 1 }) as [LadderLayout, LadderLayout];

    it(`${packets}: send() is drawn beside sendto(), recv() beside recvfrom(), close() beside close()`, () => {
      const pairs = [
        [0, 0, 'server', 'listen', 'bind'], [3, 1, 'server', 'recv', 'recvfrom'], [4, 3, 'client', 'send', 'sendto'], [5, 4, 'client', 'recv', 'recvfrom'],
        [6, 5, 'server', 'send', 'sendto'], [7, 6, 'client', 'close', 'close'], [9, 7, 'server', 'close', 'close'],
      ] as const;
      for (const [t, u, side, tcpCall, udpCall] of pairs) {
        expect(callLine(tcp, t, side, tcpCall), `TCP step ${t} and UDP step ${u}`).toBe(callLine(udp, u, side, udpCall));
      }
      expect(tcp.height).toBe(udp.height);
    });

    it(`${packets}: the UDP ladder is empty beside accept() and connect(), but for its "no handshake"`, () => {
      const [from, to] = [tcp.stepStarts[1]!, tcp.stepStarts[3]!];
      expect(occupiedBands(udp).filter(([top, bottom]) => bottom > from && top < to)).toEqual([]);
      const handshake = udp.absences!.find((mark) => mark.kind === 'handshake')!;
      expect(handshake.y).toBeGreaterThan(tcp.stepStarts[2]!);
      expect(handshake.y + handshake.height).toBeLessThan(to);
      const synAck = tcp.arrows.find((arrow) => arrow.label.startsWith('SYN, ACK'))!;
      expect(Math.abs(handshake.y + handshake.height / 2 - synAck.y0)).toBeLessThan(tcp.rows[0]!.center);
    });

    it(`${packets}: "no ACK" beside the data's ACK, "no FIN" beside each close that sent one; never on the TCP side`, () => {
      expect(kinds(udp)).toEqual(['handshake', 'ack', 'ack', 'fin', 'fin']);
      expect(tcp.absences).toBeUndefined();
      const [, firstAck, , clientFin, serverFin] = udp.absences!;
      expect(firstAck!.y).toBeGreaterThan(tcp.stepStarts[4]!);
      expect(firstAck!.y + firstAck!.height).toBeLessThanOrEqual(tcp.stepStarts[5]!);
      expect(clientFin!.y).toBeGreaterThan(udp.stepStarts[6]!);
      expect(serverFin!.y).toBeGreaterThan(udp.stepStarts[7]!);
    });

    it(`${packets}: no mark is drawn over anything the UDP ladder draws`, () => {
      const bands = occupiedBands(udp);
      for (const mark of udp.absences!) {
        expect(bands.filter(([top, bottom]) => bottom > mark.y && top < mark.y + mark.height), mark.kind).toEqual([]);
      }
    });
  }

  it('after three steps, draws "no handshake" once the handshake happened, and no mark for what has not', () => {
    const [, before] = layoutCompared([session('tcp-echo', 'captured', 2), session('udp-echo', 'captured', 2)], { timeMode: 'event', zoom: 1 });
    expect(before!.absences).toBeUndefined();
    const [tcp, udp] = layoutCompared([session('tcp-echo', 'captured', 3), session('udp-echo', 'captured', 3)], { timeMode: 'event', zoom: 1 });
    expect(kinds(udp!)).toEqual(['handshake']);
    // UDP's recvfrom() and socket(), run already, wait below TCP's connect() for the recv() they face.
    expect(udp!.stepStarts[1]).toBeGreaterThan(tcp!.rows.at(-1)!.center);
  });

  it('says only what the events show: a refused connection has no handshake to miss', () => {
    const [, udp] = layoutCompared([session('connection-refused'), session('udp-closed-port')], { timeMode: 'event', zoom: 1 });
    expect(kinds(udp!)).not.toContain('handshake');
    const [, other] = layoutCompared([session('udp-echo'), session('udp-boundaries')], { timeMode: 'event', zoom: 1 });
    expect(other!.absences).toBeUndefined();
  });

  it('grows the rows and the marks with the label size', () => {
    const options = { timeMode: 'event', zoom: 1 } as const;
    const [, small] = layoutCompared([session('tcp-echo'), session('udp-echo')], options);
    const [, large] = layoutCompared([session('tcp-echo'), session('udp-echo')], { ...options, labelSize: 21 });
    expect(large!.absences![0]!.height).toBeCloseTo(small!.absences![0]!.height * 1.5);
  });
});

describe('any two sessions', () => {
  const step = (id: number, index: number, label: string): SessionEvent =>
    ({ id, t: id * 10_000, kind: 'note', source: 'traced', code: 'step-start', level: 'info', text: label, step: { index, label } });

  it('with no step in common, gives each step its own height, in step order, and never crashes', () => {
    const left = [step(1, 0, 'server: listen()'), step(2, 1, 'server: accept()')];
    const right = [step(1, 0, 'client: socket()'), step(2, 1, 'client: frobnicate'), step(3, 2, 'client: close()')];
    const [a, b] = layoutCompared([{ events: left }, { events: right }], { timeMode: 'event', zoom: 1 });
    const starts = [a!.stepStarts[0]!, b!.stepStarts[0]!, a!.stepStarts[1]!, b!.stepStarts[1]!, b!.stepStarts[2]!];
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(new Set(starts).size).toBe(starts.length);
    expect(layoutCompared([{ events: [] }, { events: [] }], { timeMode: 'event', zoom: 1 }).map((layout) => layout.rows)).toEqual([[], []]);
  });

  it('in proportional time, leaves each ladder on its own time axis', () => {
    const [tcp, udp] = layoutCompared([session('tcp-echo'), session('udp-echo')], { timeMode: 'proportional', zoom: 1 });
    expect(tcp!.stepStarts[4]).not.toBe(udp!.stepStarts[3]);
    expect(udp!.absences).toBeUndefined();
  });
});

describe('every pair of built-in scenarios', () => {
  it('lines up without a mark over anything, each slot below the one before', () => {
    const names = recordedScenarios();
    const sessions = new Map(names.map((name) => [name, session(name)]));
    for (const a of names) for (const b of names) {
      const pair = [sessions.get(a)!, sessions.get(b)!];
      const layouts = layoutCompared(pair, { timeMode: 'event', zoom: 1 });
      const slots = alignSteps(pair[0]!.steps!.map(meaningKey), pair[1]!.steps!.map(meaningKey));
      let previous = -Infinity;
      for (const slot of slots) {
        const starts = ([[0, slot.left], [1, slot.right]] as const).flatMap(([side, index]) => (index === undefined ? [] : [layouts[side]!.stepStarts[index]!]));
        expect(Math.min(...starts), `${a} | ${b}`).toBeGreaterThanOrEqual(previous);
        previous = Math.max(...starts);
      }
      for (const layout of layouts) {
        const bands = occupiedBands(layout);
        for (const mark of layout.absences ?? []) {
          expect(bands.filter(([top, bottom]) => bottom > mark.y && top < mark.y + mark.height), `${a} | ${b}: ${mark.kind}`).toEqual([]);
          expect(mark.y + mark.height).toBeLessThanOrEqual(layout.height);
        }
      }
    }
  });
});
