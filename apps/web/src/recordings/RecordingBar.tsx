import { isWireEvent, type RecordedTrack } from '@sockscope/protocol';
import { useId } from 'react';
import { ViewControls } from '../components/ViewControls.tsx';
import { useMessages } from '../messages.ts';
import { shownSlots, useSessionStore } from '../session-store.ts';
import { useOpenedRecordings, type LoadedRecording, type TrackRef } from './opened-store.ts';

const refValue = (ref: TrackRef) => JSON.stringify([ref.key, ref.track]);
const refOf = (value: string): TrackRef => {
  const [key, track] = JSON.parse(value) as [string, string];
  return { key, track };
};

/** Packets of a track, counted once per track: a large capture has hundreds of thousands of events. */
const packetCounts = new WeakMap<RecordedTrack, number>();
function packetsOf(track: RecordedTrack): number {
  let count = packetCounts.get(track);
  if (count === undefined) {
    count = track.events.filter(isWireEvent).length;
    packetCounts.set(track, count);
  }
  return count;
}

/**
 * Stands where Step, Run and Reset stand for a live session, and says why they are not there:
 * a recording has run. Chooses the ladder shown (a capture holds one per connection or flow)
 * and one beside it, and goes back to the live session.
 * `closable={false}`: the offline replay file, whose recording is all it has to show.
 */
export function RecordingBar({ closable = true }: { closable?: boolean }) {
  const text = useMessages();
  const shown = useOpenedRecordings((state) => state.shown);
  const loaded = useOpenedRecordings((state) => state.loaded);
  const live = useSessionStore((state) => shownSlots(state).length > 0);
  const ladderId = useId();
  const besideId = useId();
  const [first, second] = shown;
  const recording = first && loaded[first.key]?.recording;
  if (!first || !recording) return null;
  const imported = shown.some((ref) => loaded[ref.key]?.recording.origin.kind === 'capture');
  const opened = useOpenedRecordings.getState();
  const recordings = Object.values(loaded).filter((held) => held.recording.tracks.length > 0);
  const choices = (except?: TrackRef) => recordings.map((held) => (
    <TrackOptions key={held.key} held={held} except={except} several={recordings.length > 1} />
  ));
  const many = recordings.length > 1 || recording.tracks.length > 1;
  return (
    <div className="controls-bar recording-bar" role="group" aria-label={text.opened.label}>
      <div className="recording-bar-main">
        <span className="badge recording-badge">{text.opened.badge}</span>
        <strong className="recording-bar-name">{recording.name}</strong>
        {many && (
          <>
            <span className="field">
              <label htmlFor={ladderId}>{text.opened.ladder}</label>
              <select id={ladderId} value={refValue(first)} onChange={(event) => opened.chooseTrack(0, refOf(event.target.value))}>
                {choices()}
              </select>
            </span>
            <span className="field">
              <label htmlFor={besideId}>{text.opened.compareWith}</label>
              <select id={besideId} value={second ? refValue(second) : ''}
                onChange={(event) => opened.compareWith(event.target.value ? refOf(event.target.value) : null)}>
                <option value="">{text.opened.nothing}</option>
                {choices(first)}
              </select>
            </span>
          </>
        )}
        {closable && <button type="button" onClick={opened.close}>{live ? text.opened.back : text.opened.close}</button>}
      </div>
      <ViewControls />
      <p className="recording-note">
        {text.opened.noSteps}
        {imported && <strong className="calls-unknown">{` ${text.opened.callsUnknown}`}</strong>}
      </p>
    </div>
  );
}

function TrackOptions({ held, except, several }: { held: LoadedRecording; except: TrackRef | undefined; several: boolean }) {
  const text = useMessages();
  const options = held.recording.tracks
    .filter((track) => !(except && except.key === held.key && except.track === track.id))
    .map((track) => (
      <option key={track.id} value={refValue({ key: held.key, track: track.id })}>{text.opened.trackOption(track.title, packetsOf(track))}</option>
    ));
  // With several recordings held, each names its own tracks.
  return several ? <optgroup label={held.recording.name}>{options}</optgroup> : <>{options}</>;
}
