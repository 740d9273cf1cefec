import { onLanes } from '@sockscope/ladder';
import { MAX_LISTED_PROBLEMS, RecordingFormatError } from '@sockscope/protocol';
import { CaptureImportError, FileImporter } from '@sockscope/recordings/import';
import { EVENTS_PER_MESSAGE, PROGRESS_INTERVAL_MS, type LoadFailure, type LoadReply } from './load-messages.ts';

export interface LoadSource {
  /** The file's name as the recording shows it. */
  file: string;
  chunks: AsyncIterable<Uint8Array>;
}

function failureOf(error: unknown): LoadFailure {
  if (error instanceof RecordingFormatError) {
    const prefix = `line ${error.line}: ${error.field ? `${error.field}: ` : ''}`;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { kind: 'format', line: error.line, ...(error.field !== undefined && { field: error.field }), detail };
  }
  if (error instanceof CaptureImportError) return { kind: 'capture', detail: error.message };
  return { kind: 'read', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Decodes a pcap, pcapng or JSON Lines file as it is read, and hands over what it holds: the
 * body of the page's loading worker, kept apart from the worker so it is tested in Node with
 * real files. Events go out on their lanes (see @sockscope/ladder's track-lanes.ts), in batches.
 */
export async function runLoad(source: LoadSource, post: (reply: LoadReply) => void, now: () => number = () => performance.now()): Promise<void> {
  let packets = 0;
  let bytes = 0;
  let posted = -Infinity;
  const importer = new FileImporter({ file: source.file, onProgress: (progress) => { packets = progress.packets; } });
  try {
    for await (const chunk of source.chunks) {
      importer.push(chunk);
      bytes += chunk.length;
      if (now() - posted >= PROGRESS_INTERVAL_MS) {
        posted = now();
        post({ type: 'progress', bytes, packets });
      }
    }
    post({ type: 'progress', bytes, packets });
    const { recording, problems, kind } = importer.end();
    const tracks = recording.tracks.map(onLanes);
    post({ type: 'tracks', tracks: tracks.map(({ events, ...track }) => ({ ...track, eventCount: events.length })) });
    tracks.forEach((track, index) => {
      for (let at = 0; at < track.events.length; at += EVENTS_PER_MESSAGE) {
        post({ type: 'events', track: index, events: track.events.slice(at, at + EVENTS_PER_MESSAGE) });
      }
    });
    const { tracks: _tracks, ...rest } = recording;
    post({ type: 'done', recording: rest, kind, problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length });
  } catch (error) {
    post({ type: 'failed', failure: failureOf(error) });
  }
}
