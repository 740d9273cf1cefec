import { readFileSync } from 'node:fs';
import { byDrawingOrder, parseRecording, type SessionEvent } from '@sockscope/protocol';

/**
 * For tests: a built-in scenario as it once ran on the real kernel with tcpdump capture, read
 * from its checked-in recording (`<name>.jsonl` here; README.md says how they were made);
 * its events in drawing order.
 */
export function recordedScenario(name: string): SessionEvent[] {
  const recording = parseRecording(readFileSync(new URL(`./${name}.jsonl`, import.meta.url), 'utf8'));
  const [track, ...others] = recording.tracks;
  if (!track || others.length > 0 || recording.origin.kind !== 'session' || recording.origin.scenario !== name) {
    throw new Error(`${name}.jsonl is not a recording of one ${name} session`);
  }
  return [...track.events].sort(byDrawingOrder);
}
