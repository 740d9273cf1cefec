import { wireLabel } from '@sockscope/ladder';
import { isWireEvent, scaledWindow, TCP_STATES, type SegmentEvent, type SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { explainEvent } from './explain.ts';
import { messagesFor, type Locale } from './messages.ts';
import { recordedScenario, recordedScenarios } from '@sockscope/recordings/test-sessions';

// Every sentence of every built-in scenario, captured and inferred, in both languages, checked
// against the events: a sentence may name a FIN, an RST, ICMP, a handshake, ESTABLISHED, a
// window of 0, a probe, a retransmission or an errno only when the event (or what caused it, or
// what it announces) has it. In a classroom one false sentence is repeated to every student.

const SCENARIOS = recordedScenarios();

interface Context {
  events: readonly SessionEvent[];
  index: number;
  event: SessionEvent;
}

const segments = (events: readonly SessionEvent[]) => events.filter((e): e is SegmentEvent => e.kind === 'segment');
const sideOf = (event: SessionEvent) => (event.kind === 'call' || event.kind === 'state' || event.kind === 'drop' ? event.side : isWireEvent(event) ? event.from : undefined);
const before = ({ events, index }: Context) => events.slice(0, index);
const after = ({ events, index }: Context) => events.slice(index + 1);
/** The TCP/UDP kind of the socket a call is made on, from its socket() call. */
const isUdpSocket = ({ events, event }: Context) =>
  event.kind === 'call' && events.some((e) => e.kind === 'call' && e.socket === event.socket && (e.args?.type === 'SOCK_DGRAM' || e.fn === 'sendto' || e.fn === 'recvfrom'));

/** A claim, as each language words it, and what must be true of the events for a sentence to make it. */
interface Claim {
  name: string;
  words: Record<Locale, RegExp>;
  holds(context: Context): boolean;
}

const CLAIMS: Claim[] = [
  {
    name: 'an RST is or was sent',
    // "No RST is sent" is the opposite claim.
    words: { en: /(?<!No )\bRST\b/, ko: /\bRST\b(?!를 보내지 않)/ },
    holds: (c) => {
      const side = sideOf(c.event);
      const rst = (e: SessionEvent) => e.kind === 'segment' && e.flags.includes('RST');
      if (rst(c.event)) return true;
      // An errno caused by an RST that reached the side; a close or SO_LINGER that announces the RST its side sends next.
      if (c.event.kind === 'call' && c.event.phase === 'error') return before(c).some((e) => rst(e) && isWireEvent(e) && e.to === side);
      if (c.event.kind === 'call') return after(c).some((e) => rst(e) && isWireEvent(e) && e.from === side);
      return false;
    },
  },
  {
    name: 'a FIN is or will be sent',
    words: { en: /kernel will send FIN|sends? (its )?FIN\b|FIN says/, ko: /FIN을 보낼 것|FIN은 더 보낼/ },
    holds: (c) => {
      const side = sideOf(c.event);
      const fin = (e: SessionEvent) => e.kind === 'segment' && e.flags.includes('FIN') && e.from === side;
      return fin(c.event) || (c.event.kind === 'call' && after(c).some(fin));
    },
  },
  {
    name: 'ICMP',
    words: { en: /\bICMP\b/, ko: /\bICMP\b/ },
    holds: (c) => c.event.kind === 'icmp' || (c.event.kind === 'call' && c.event.phase === 'error'
      && before(c).some((e) => e.kind === 'icmp' && e.to === sideOf(c.event))),
  },
  {
    name: 'a three-way handshake',
    words: { en: /three-way handshake/, ko: /3-way 핸드셰이크/ },
    holds: (c) => !isUdpSocket(c) && (c.event.kind !== 'call' || segments(c.events).some((s) => s.flags.includes('SYN') && s.from === sideOf(c.event))),
  },
  {
    name: 'ESTABLISHED',
    words: { en: /\bESTABLISHED\b/, ko: /\bESTABLISHED\b/ },
    holds: (c) => {
      if (c.event.kind === 'sockets') return c.event.rows.some((row) => row.state === 'ESTABLISHED');
      if (c.event.kind === 'state') return c.event.to === 'ESTABLISHED';
      if (isUdpSocket(c)) return false;
      // A TCP call or segment: a state change of its side to ESTABLISHED is in the events.
      return c.events.some((e) => e.kind === 'state' && e.to === 'ESTABLISHED' && e.side === sideOf(c.event));
    },
  },
  {
    name: 'a window of 0',
    words: { en: /win=0|window is 0/, ko: /win=0|윈도가 0/ },
    holds: (c) => c.event.kind === 'segment' && (c.event.win === 0
      || segments(before(c)).filter((s) => s.from === (c.event as SegmentEvent).to).at(-1)?.win === 0),
  },
  {
    name: 'a window probe',
    words: { en: /window probe/, ko: /윈도 프로브/ },
    holds: (c) => {
      if (c.event.kind !== 'segment') return false;
      const peer = segments(before(c)).filter((s) => s.from === (c.event as SegmentEvent).to).at(-1);
      return peer?.win === 0 && peer.relAck !== undefined && c.event.relSeq === peer.relAck - 1;
    },
  },
  {
    name: 'a retransmission',
    words: { en: /retransmission of #/, ko: /의 재전송/ },
    holds: (c) => c.event.kind === 'segment' && c.event.retransmitOf !== undefined,
  },
  {
    name: 'a handshake on UDP',
    words: { en: /handshake is complete/, ko: /핸드셰이크가 끝나/ },
    holds: (c) => !isUdpSocket(c),
  },
];

const ERRNO = /\bE[A-Z]{3,}\b/g;

function falseClaims(events: readonly SessionEvent[], locale: Locale): string[] {
  const text = messagesFor(locale);
  const problems: string[] = [];
  events.forEach((event, index) => {
    const sentence = explainEvent(events, index, text);
    const context = { events, index, event };
    for (const claim of CLAIMS) {
      if (claim.words[locale].test(sentence) && !claim.holds(context)) problems.push(`#${event.id} (${event.kind}) claims ${claim.name}: ${sentence}`);
    }
    for (const errno of (sentence.match(ERRNO) ?? []).filter((word) => !(TCP_STATES as readonly string[]).includes(word))) {
      const own = event.kind === 'call' && event.errno === errno;
      // A note repeats what the engine reported; an option's explanation names none.
      if (!own && event.kind !== 'note') problems.push(`#${event.id} (${event.kind}) names ${errno}: ${sentence}`);
    }
  });
  return problems;
}

describe('every sentence says only what the events show', () => {
  it('has every built-in scenario recorded, captured and inferred', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(13);
  });

  for (const scenario of SCENARIOS) {
    for (const packets of ['captured', 'inferred'] as const) {
      it(`${scenario}, ${packets}`, () => {
        const events = recordedScenario(scenario, packets);
        for (const locale of ['en', 'ko'] as const) expect(falseClaims(events, locale), locale).toEqual([]);
      });
    }
  }
});

describe('the sentences that were wrong', () => {
  const sentence = (scenario: string, find: (event: SessionEvent) => boolean, locale: Locale = 'en') => {
    const events = recordedScenario(scenario);
    const index = events.findIndex(find);
    if (index < 0) throw new Error(`no such event in ${scenario}`);
    return explainEvent(events, index, messagesFor(locale));
  };

  it('a UDP connect() records the peer; it neither handshakes nor becomes ESTABLISHED', () => {
    const returned = sentence('udp-closed-port', (e) => e.kind === 'call' && e.fn === 'connect' && e.phase === 'return');
    expect(returned).toContain('sends to that peer by default');
    expect(returned).not.toMatch(/handshake|ESTABLISHED/);
    expect(sentence('udp-closed-port', (e) => e.kind === 'call' && e.fn === 'connect' && e.phase === 'enter')).toContain('No packet is sent');
  });

  it('ECONNREFUSED after ICMP port unreachable says ICMP, not RST', () => {
    const refused = (locale: Locale) => sentence('udp-closed-port', (e) => e.kind === 'call' && e.errno === 'ECONNREFUSED', locale);
    expect(refused('en')).toContain('ICMP port unreachable');
    expect(refused('en')).not.toContain('RST');
    expect(refused('ko')).toContain('ICMP');
    expect(sentence('connection-refused', (e) => e.kind === 'call' && e.errno === 'ECONNREFUSED')).toContain('RST');
  });

  it('close() with SO_LINGER 0 says RST instead of FIN', () => {
    const closed = sentence('abortive-close', (e) => e.kind === 'call' && e.fn === 'close' && e.side === 'client' && e.phase === 'enter');
    expect(closed).toContain('sends RST instead of FIN');
    expect(sentence('abortive-close', (e) => e.kind === 'call' && e.fn === 'setsockopt' && e.args?.option === 'SO_LINGER'))
      .toContain('{ l_onoff 1, l_linger 0 }');
  });

  it('the window is the one a peer may use: the field scaled by the handshake\'s window scale, and a closed one is on its arrow', () => {
    const events = recordedScenario('zero-window');
    const segments = events.filter((e): e is SegmentEvent => e.kind === 'segment');
    const syn = segments.find((s) => s.flags.join() === 'SYN')!;
    const scale = syn.options?.wscale;
    expect(scale).toBeGreaterThan(0);
    const ack = segments.find((s) => s.from === 'client' && !s.flags.includes('SYN') && (s.win ?? 0) > 0)!;
    expect(scaledWindow(ack, segments)).toEqual({ raw: ack.win, scale, bytes: ack.win! * 2 ** scale! });
    expect(scaledWindow(syn, segments)).toEqual({ raw: syn.win, scale: 0, bytes: syn.win });
    const closed = segments.find((s) => s.win === 0)!;
    expect(wireLabel(closed)).toMatch(/ win=0$/);
    expect(wireLabel(ack)).not.toContain('win=');
  });

  it('the zero window says win=0, and the probe says window probe', () => {
    const zero = sentence('zero-window', (e) => e.kind === 'segment' && e.win === 0);
    expect(zero).toContain('win=0');
    const events = recordedScenario('zero-window');
    const probes = events.map((e, i) => explainEvent(events, i, messagesFor('en'))).filter((s) => s.includes('window probe'));
    expect(probes.length).toBeGreaterThan(0);
    expect(events.map((e, i) => explainEvent(events, i, messagesFor('en'))).some((s) => s.startsWith("The server's kernel") && s.includes('The window opens again'))).toBe(true);
  });
});
