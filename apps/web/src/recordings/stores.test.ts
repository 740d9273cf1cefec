import type { RecordedTrack, Recording, RecordingSummary } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { progressed, savedAs, type ImportJob } from './import-store.ts';
import { nameProblem, replaced, without } from './list-store.ts';
import { cursorKey, deletedIn, initialOpened, renamedIn, showTracks, type LoadedRecording, type OpenedData } from './opened-store.ts';

const track = (id: string): RecordedTrack => ({ id, title: id, proto: 'tcp', capture: { mode: 'pcap' }, sides: [{ name: 'client' }], events: [] });
const recording = (name: string, ...tracks: string[]): Recording =>
  ({ name, createdAt: '2026-11-25T12:00:00.000Z', origin: { kind: 'session', scenario: 'tcp-echo' }, tracks: tracks.map(track) });
const held = (key: string, id: string | undefined, ...tracks: string[]): LoadedRecording =>
  ({ key, ...(id !== undefined && { id }), recording: recording(key, ...tracks) });
const opened = (...loaded: LoadedRecording[]): OpenedData => ({ ...initialOpened, loaded: Object.fromEntries(loaded.map((one) => [one.key, one])) });

describe('the recordings a page holds and shows', () => {
  it('shows tracks that exist, two at most, and lets go of saved recordings no longer shown, never of an unsaved import', () => {
    const state = opened(held('a', 'a', 'session'), held('b', 'b', 'tcp-1', 'tcp-2'), held('import-1', undefined, 'udp-1'));
    const next = showTracks(state, [{ key: 'b', track: 'tcp-2' }, { key: 'b', track: 'missing' }, { key: 'a', track: 'session' }]);
    expect(next.shown).toEqual([{ key: 'b', track: 'tcp-2' }, { key: 'a', track: 'session' }]);
    expect(Object.keys(next.loaded)).toEqual(['a', 'b', 'import-1']);
    const closed = showTracks(next, []);
    expect(closed.shown).toEqual([]);
    expect(Object.keys(closed.loaded)).toEqual(['import-1']);
  });

  it('keys each ladder of a recording apart from every session id', () => {
    expect(cursorKey({ key: '20261125-120000-abcdef', track: 'tcp-2' })).toBe('recording:20261125-120000-abcdef/tcp-2');
  });

  it('renames a recording held under its id or under the import it came from', () => {
    const state = opened(held('import-1', 'saved-1', 'tcp-1'), held('x', 'x', 'session'));
    expect(renamedIn(state, 'saved-1', 'Monday').loaded['import-1']?.recording.name).toBe('Monday');
    expect(renamedIn(state, 'x', 'Tuesday').loaded.x?.recording.name).toBe('Tuesday');
    expect(renamedIn(state, 'nobody', 'Wednesday')).toBe(state);
  });

  it('takes a deleted recording off the page, but keeps an import whose saved copy was deleted, as unsaved', () => {
    const state = { ...opened(held('import-1', 'saved-1', 'tcp-1'), held('x', 'x', 'session')), shown: [{ key: 'x', track: 'session' }] };
    const gone = deletedIn(state, 'x');
    expect(gone.shown).toEqual([]);
    expect(Object.keys(gone.loaded)).toEqual(['import-1']);
    expect(deletedIn(state, 'saved-1').loaded['import-1']).toEqual(held('import-1', undefined, 'tcp-1'));
  });
});

describe('an import under way', () => {
  const reading: ImportJob = { id: 2, file: 'big.pcap', phase: 'reading', size: 100, bytes: 10, packets: 1 };

  it('moves on by its own replies only, and not once it is over', () => {
    expect(progressed(reading, { ...reading, bytes: 50 })).toEqual({ ...reading, bytes: 50 });
    expect(progressed(reading, { id: 1, file: 'big.pcap', phase: 'cancelled' })).toBe(reading);
    const cancelled: ImportJob = { id: 2, file: 'big.pcap', phase: 'cancelled' };
    expect(progressed(cancelled, { ...reading, bytes: 90 })).toBe(cancelled);
    expect(progressed(null, reading)).toBeNull();
  });

  it('records how saving went for the import it is about', () => {
    const done: ImportJob = {
      id: 2, file: 'big.pcap', phase: 'done', kind: 'capture', tracks: 1, packets: 3, problems: [], problemCount: 0, save: { status: 'saving' },
    };
    expect(savedAs(done, 2, { status: 'saved', id: 'r1' })).toEqual({ ...done, save: { status: 'saved', id: 'r1' } });
    expect(savedAs(done, 1, { status: 'saved', id: 'r1' })).toBe(done);
    expect(savedAs(reading, 2, { status: 'saved', id: 'r1' })).toBe(reading);
  });
});

describe('the list of recordings', () => {
  const summary = (id: string, name: string): RecordingSummary => ({
    id, name, createdAt: '2026-11-25T12:00:00.000Z', origin: 'session', scenario: 'tcp-echo', title: 'TCP echo',
    eventCount: 3, trackCount: 1, capture: { mode: 'pcap' }, hasCapture: true,
  });

  it('replaces a renamed recording in place and drops a deleted one', () => {
    const list = [summary('a', 'A'), summary('b', 'B')];
    expect(replaced(list, summary('b', 'Bee'))?.map((r) => r.name)).toEqual(['A', 'Bee']);
    expect(without(list, 'a')?.map((r) => r.id)).toEqual(['b']);
    expect(replaced(null, summary('a', 'A'))).toBeNull();
  });

  it("refuses the names the API refuses, by the API's own rule", () => {
    expect(nameProblem('Handshake for Monday')).toBeNull();
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('x'.repeat(201))).toBe('long');
    expect(nameProblem('tab\there')).toBe('control');
  });
});
