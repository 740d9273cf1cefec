import type { SessionEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { focusOrder, movedStop, rovingStop } from './focus-order.ts';
import { layoutLadder } from './layout.ts';

const events: SessionEvent[] = [
  { id: 1, t: 100, kind: 'call', source: 'traced', side: 'server', socket: 's1', fn: 'listen', phase: 'enter', via: 'test' },
  { id: 2, t: 110, kind: 'call', source: 'traced', side: 'server', socket: 's1', fn: 'listen', phase: 'return', result: 0, via: 'test' },
  { id: 3, t: 110, kind: 'state', source: 'inferred', side: 'server', socket: 's1', from: 'CLOSED', to: 'LISTEN' },
  { id: 4, t: 200, kind: 'call', source: 'traced', side: 'client', socket: 'c1', fn: 'connect', phase: 'enter', via: 'test' },
  {
    id: 5, t: 300, kind: 'segment', source: 'captured', from: 'client', to: 'server', src: '127.0.0.1:40000', dst: '127.9.9.9:7007',
    flags: ['SYN'], relSeq: 0, len: 0,
  },
  { id: 6, t: 300, kind: 'state', source: 'inferred', side: 'client', socket: 'c1', from: 'CLOSED', to: 'SYN-SENT' },
];

describe('the ladder in keyboard order', () => {
  const layout = layoutLadder(events, { timeMode: 'event', zoom: 1 });
  const order = focusOrder(layout);

  it('goes down the time axis, a call before the state it caused, a packet before its state', () => {
    expect(order.map((stop) => stop.key)).toEqual(['call:1', 'band:3', 'call:4', 'arrow:5', 'band:6']);
    expect(order.map((stop) => stop.row)).toEqual([0, 0, 1, 2, 2]);
  });

  it('keeps one Tab stop: the last chosen, else the first at the cursor, else the first', () => {
    expect(rovingStop(layout, { key: 'arrow:5', row: 2 }, 0)).toBe('arrow:5');
    expect(rovingStop(layout, { key: 'arrow:99', row: 2 }, 2)).toBe('arrow:5');
    expect(rovingStop(layout, { key: 'band:6', row: 2 }, 2)).toBe('band:6');
    expect(rovingStop(layout, null, 1)).toBe('call:4');
    expect(rovingStop(layout, null, -1)).toBe('call:1');
    expect(rovingStop(layout, null, 7)).toBe('call:1');
    expect(rovingStop(layoutLadder([], { timeMode: 'event', zoom: 1 }), null, 0)).toBeUndefined();
  });

  it('moves with ↓ ↑ Home End, and stops at either end', () => {
    expect(movedStop(order, 'call:4', 'ArrowDown')).toBe('arrow:5');
    expect(movedStop(order, 'call:4', 'ArrowUp')).toBe('band:3');
    expect(movedStop(order, 'band:6', 'ArrowDown')).toBe('band:6');
    expect(movedStop(order, 'call:1', 'ArrowUp')).toBe('call:1');
    expect(movedStop(order, 'call:4', 'End')).toBe('band:6');
    expect(movedStop(order, 'band:6', 'Home')).toBe('call:1');
    expect(movedStop(order, 'call:4', 'Enter')).toBeUndefined();
  });
});
