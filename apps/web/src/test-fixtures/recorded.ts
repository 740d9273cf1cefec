import { readFileSync } from 'node:fs';
import { byDrawingOrder, parseRecording, type SessionEvent } from '@sockscope/protocol';

/**
 * For tests: a built-in scenario as it once ran on the real kernel, read from its checked-in
 * recording (`<name>.jsonl` with tcpdump capture, `<name>.inferred.jsonl` with capture off;
 * README.md says how they were made); its events in drawing order.
 */
export function recordedScenario(name: string, packets: 'captured' | 'inferred' = 'captured'): SessionEvent[] {
  const file = packets === 'captured' ? `./${name}.jsonl` : `./${name}.inferred.jsonl`;
  const recording = parseRecording(readFileSync(new URL(file, import.meta.url), 'utf8'));
  const [track, ...others] = recording.tracks;
  if (!track || others.length > 0 || recording.origin.kind !== 'session' || recording.origin.scenario !== name) {
    throw new Error(`${file} is not a recording of one ${name} session`);
  }
  return [...track.events].sort(byDrawingOrder);
}
