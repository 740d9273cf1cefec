import { byDrawingOrder, type RecordedTrack, type Recording, type SessionInfo } from '@sockscope/protocol';
import type { SessionSlot } from '../session-store.ts';

/** A recorded track as the page holds a session: ended, every step run, its events in drawing order. */
export function trackSlot(track: RecordedTrack, recording: Recording): SessionSlot {
  const steps = track.scenario?.steps ?? [];
  const info: SessionInfo = {
    id: track.id,
    scenario: track.scenario?.name ?? (recording.origin.kind === 'session' ? recording.origin.scenario : recording.origin.file),
    title: track.title,
    // SessionInfo knows TCP and UDP; an ICMP pair of an imported capture is drawn like a datagram flow.
    proto: track.proto === 'tcp' ? 'tcp' : 'udp',
    message: track.message ?? '',
    capture: track.capture,
    status: 'finished',
    nextStep: steps.length,
    steps,
    lastEventId: track.events.reduce((last, event) => Math.max(last, event.id), 0),
  };
  return { info, events: [...track.events].sort(byDrawingOrder) };
}

/**
 * The recording's JSON Lines as the replay page's data element holds them: every `<` written
 * `\u003c`, which JSON reads back as the same character, so no `</script>` or `<!--` in a
 * payload can end the element early.
 */
export function embeddableJsonLines(jsonl: string): string {
  return jsonl.replace(/</g, '\\u003c');
}

/** Where the template receives the recording (the element is empty in the built template). */
export const RECORDING_ELEMENT = /<script type="application\/x-ndjson" id="recording"><\/script>/;

/** The built replay page with a recording in it; throws when the template has no place for one. */
export function fillReplayTemplate(template: string, jsonl: string): string {
  if (!RECORDING_ELEMENT.test(template)) {
    throw new Error('the replay template has no empty <script id="recording"> element; rebuild it: npm run build -w @sockscope/web');
  }
  // A function, so that `$&` or `$1` in the data are not read as replacement patterns.
  return template.replace(RECORDING_ELEMENT, () => `<script type="application/x-ndjson" id="recording">${embeddableJsonLines(jsonl)}</script>`);
}
