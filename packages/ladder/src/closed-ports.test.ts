import { recordedScenario, recordedScenarios, recordedSession } from '@sockscope/recordings/test-sessions';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { closedEndpoints } from './closed-ports.ts';
import { laneGeometry } from './geometry.ts';
import { layoutLadder } from './layout.ts';
import { recordingSvg } from './node.ts';
import type { XmlDocument } from './xml-dom.ts';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as XmlDocument;

describe('a connection to a closed port, drawn where it was refused', () => {
  for (const packets of ['captured', 'inferred'] as const) {
    it(`connection-refused (${packets}): the SYN goes to port 7009's own lane, and the RST comes from it, not from the listener`, () => {
      const layout = layoutLadder(recordedScenario('connection-refused', packets), { timeMode: 'event', zoom: 1 });
      const closed = layout.lanes.find((lane) => lane.closed);
      const server = layout.lanes.find((lane) => lane.side === 'server');
      expect(closed?.endpoint).toMatch(/^127\.[\d.]+:7009$/);
      expect(server?.endpoint).toMatch(/^127\.[\d.]+:7007$/);
      expect(layout.lanes.map((lane) => lane.side)).toEqual(['client', closed!.side, 'server']);
      expect(closed!.sockets).toEqual([]);
      const syn = layout.arrows.find((arrow) => arrow.label.startsWith('SYN seq'));
      const rst = layout.arrows.find((arrow) => arrow.label.startsWith('RST'));
      expect([syn?.from, syn?.to]).toEqual(['client', closed!.side]);
      expect([rst?.from, rst?.to]).toEqual([closed!.side, 'client']);

      for (const width of [480, 1024, 1920]) {
        const geometry = laneGeometry(width, layout.lanes);
        const x = (side: string) => geometry.lifeline[side]!;
        // The arrows end on the 7009 lane, between the client and the listener, never on the listener's.
        expect(x(syn!.to)).not.toBe(x('server'));
        expect(x(syn!.to)).toBeGreaterThan(x('client'));
        expect(x(syn!.to)).toBeLessThan(x('server'));
        expect(x(rst!.from)).toBe(x(syn!.to));
        expect(x('server') - x(closed!.side)).toBeGreaterThan(60);
      }
    });

    it(`udp-closed-port (${packets}): the datagram and the ICMP answer are the closed port's; no server lane, as no server ran`, () => {
      const layout = layoutLadder(recordedScenario('udp-closed-port', packets), { timeMode: 'event', zoom: 1 });
      expect(layout.lanes).toHaveLength(2);
      const [client, closed] = layout.lanes;
      expect(client?.side).toBe('client');
      expect(closed).toMatchObject({ closed: true, sockets: [] });
      expect(closed?.endpoint).toMatch(/^127\.[\d.]+:7009$/);
      expect(layout.arrows.map((arrow) => [arrow.label, arrow.from, arrow.to])).toEqual([
        ['UDP len=5', 'client', closed!.side],
        ['ICMP port unreachable', closed!.side, 'client'],
      ]);
    });
  }

  it('keeps every other built-in scenario on two lanes, client and server', () => {
    for (const name of recordedScenarios().filter((scenario) => !['connection-refused', 'udp-closed-port'].includes(scenario))) {
      for (const packets of ['captured', 'inferred'] as const) {
        const events = recordedScenario(name, packets);
        expect(closedEndpoints(events), `${name} ${packets}`).toEqual(new Set());
        expect(layoutLadder(events, { timeMode: 'event', zoom: 1 }).lanes.map((lane) => lane.side), `${name} ${packets}`).toEqual(['client', 'server']);
      }
    }
  });

  it('never calls a port closed where a socket of the session was bound, even when it sent RST', () => {
    const events = recordedScenario('connection-refused');
    const listener = layoutLadder(events, { timeMode: 'event', zoom: 1 }).lanes.find((lane) => lane.side === 'server')!.endpoint!;
    // The same RST, as if the listener itself had refused (an accept queue full with tcp_abort_on_overflow).
    const fromListener = events.map((event) => (event.kind === 'segment' ? { ...event, src: event.src.endsWith(':7009') ? listener : event.src, dst: event.dst.endsWith(':7009') ? listener : event.dst } : event));
    expect(closedEndpoints(fromListener)).toEqual(new Set());
  });

  it('names the closed port in the exported picture, in English and Korean, with a lifeline of its own', async () => {
    const recording = recordedSession('connection-refused');
    for (const [locale, words] of [['en', 'nothing listening'], ['ko', '수신 대기 소켓 없음']] as const) {
      const document = parse((await recordingSvg(recording, { locale })).svg);
      const texts = Array.from(document.querySelectorAll('text')).map((text) => text.textContent ?? '');
      // The closed port's header: its words (on two lines, to leave its neighbours room), and its port on the listener's host.
      expect(texts.join(' ')).toContain(words);
      expect(texts.filter((text) => text === ':7009')).toHaveLength(1);
      expect(texts.filter((text) => /^127\.[\d.]+:7007$/.test(text))).toHaveLength(1);
      expect(texts).toContain('SYN seq=0');
      expect(texts).toContain('RST, ACK seq=0 ack=1');
      // Three lifelines: the client's, the closed port's (dashed) and the listener's.
      const lifelines = Array.from(document.querySelectorAll('line')).filter((line) => line.getAttribute('x1') === line.getAttribute('x2') && Number(line.getAttribute('y2')) > 100);
      expect(new Set(lifelines.map((line) => line.getAttribute('x1'))).size).toBe(3);
      expect(lifelines.filter((line) => line.getAttribute('stroke-dasharray'))).toHaveLength(1);
    }
  });
});
