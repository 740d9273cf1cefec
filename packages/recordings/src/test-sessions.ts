import { readdirSync, readFileSync } from 'node:fs';
import { byDrawingOrder, parseRecording, type Recording, type SessionEvent } from '@sockscope/protocol';

/**
 * Test-only: a built-in scenario as it once ran on the real kernel, as the CLI recorded it
 * (`../test-sessions/<name>.jsonl` with tcpdump capture, `<name>.inferred.jsonl` with capture
 * off; the README there says how they were made). The page's and the ladder's tests read these
 * instead of running the engine, so they need no capture rights and see the same events every run.
 */
export function recordedSession(name: string, packets: 'captured' | 'inferred' = 'captured'): Recording {
  const file = packets === 'captured' ? `${name}.jsonl` : `${name}.inferred.jsonl`;
  const recording = parseRecording(readFileSync(new URL(`../test-sessions/${file}`, import.meta.url), 'utf8'));
  const [track, ...others] = recording.tracks;
  if (!track || others.length > 0 || recording.origin.kind !== 'session' || recording.origin.scenario !== name) {
    throw new Error(`${file} is not a recording of one ${name} session`);
  }
  return recording;
}

/** A built-in scenario as it once ran as its Python programs (`<name>.python.jsonl`, captured). */
export function recordedPythonSession(name: string): Recording {
  const recording = parseRecording(readFileSync(new URL(`../test-sessions/${name}.python.jsonl`, import.meta.url), 'utf8'));
  if (recording.tracks[0]?.program !== 'python') throw new Error(`${name}.python.jsonl is not a recording of Python programs`);
  return recording;
}

/** The events of recordedSession's one track, in drawing order. */
export function recordedScenario(name: string, packets: 'captured' | 'inferred' = 'captured'): SessionEvent[] {
  return [...recordedSession(name, packets).tracks[0]!.events].sort(byDrawingOrder);
}

/** The scenarios recorded there (each both captured and inferred). */
export function recordedScenarios(): string[] {
  return readdirSync(new URL('../test-sessions/', import.meta.url))
    .filter((file) => file.endsWith('.inferred.jsonl')).map((file) => file.replace('.inferred.jsonl', '')).sort();
}
