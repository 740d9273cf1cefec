import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { heldFates, newestVerdictRow, packetsInFlight } from './hold.ts';

const segment = (id: number, t: number, flags: ('SYN' | 'ACK')[], held = true): SessionEvent => ({
  id, t, kind: 'segment', source: 'captured', from: 'client', to: 'server', src: '127.0.0.1:5000', dst: '127.0.0.2:7007',
  flags, relSeq: 0, len: 0, ...(held && { hold: { packet: id } }),
});
const delivery = (id: number, t: number, of: number, verdict: 'delivered' | 'dropped'): SessionEvent => ({
  id, t, kind: 'delivery', source: 'traced', of, verdict, heldUs: 10, by: 'user',
});

describe('held packets', () => {
  const events = [segment(1, 0, ['SYN']), delivery(2, 10, 1, 'delivered'), segment(3, 11, ['SYN', 'ACK']), delivery(4, 20, 3, 'dropped'), segment(5, 30, ['SYN']), segment(6, 31, ['ACK'], false)];

  it('knows which were delivered, dropped, or are still in flight', () => {
    const fates = heldFates(events);
    expect(fates.get(1)).toMatchObject({ state: 'delivered', delivery: { t: 10 } });
    expect(fates.get(3)).toMatchObject({ state: 'dropped' });
    expect(fates.get(5)).toEqual({ state: 'in-flight' });
    expect(fates.has(6)).toBe(false);
  });

  it('lists the packets in flight, oldest first', () => {
    expect(packetsInFlight(events).map((event) => event.id)).toEqual([5]);
    expect(packetsInFlight([...events, delivery(7, 40, 5, 'delivered')])).toEqual([]);
  });

  it('finds the row of the user\'s newest verdict, not one of the delay\'s', () => {
    const rows = [[1], [2], [3], [4], [5, 6]].map((eventIds) => ({ eventIds }));
    expect(newestVerdictRow(rows, events)).toBe(3);
    const byDelay: SessionEvent = { id: 6, t: 31, kind: 'delivery', source: 'traced', of: 5, verdict: 'delivered', heldUs: 1, by: 'delay' };
    expect(newestVerdictRow(rows, [...events.slice(0, 5), byDelay])).toBe(3);
    expect(newestVerdictRow(rows, [segment(1, 0, ['SYN'])])).toBeUndefined();
  });
});
