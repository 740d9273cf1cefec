import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { BrokenPacket, RecordingSummary } from '@sockscope/protocol';
import { FileImporter } from './import/file-importer.ts';
import type { RecordingStore } from './store.ts';

/** Decoding goes on in pieces this size, letting the server answer others in between. */
const PIECE_BYTES = 1024 * 1024;

export interface StoredImport {
  recording: RecordingSummary;
  /** Every broken packet of an imported capture. */
  problems: BrokenPacket[];
}

/**
 * Imports a file (pcap, pcapng or JSON Lines) and saves it as one recording: a capture with its
 * bytes beside the events, for pcap export. Throws CaptureImportError or RecordingFormatError
 * for a file it cannot read; saves nothing then.
 */
export async function importIntoStore(store: RecordingStore, bytes: Uint8Array, options: { file: string; name?: string }): Promise<StoredImport> {
  const importer = new FileImporter(options);
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    importer.push(bytes.subarray(at, at + PIECE_BYTES));
    await yieldToEvents();
  }
  const imported = importer.end();
  const { recording } = imported;
  const saved = recording.origin.kind === 'capture' && imported.kind === 'capture'
    ? await store.save(recording, { capture: { bytes, format: recording.origin.format } })
    : await store.save(recording, { noCapture: `it was imported from ${options.file}, a JSON Lines file, which holds events but not packet bytes` });
  return { recording: saved, problems: imported.problems };
}
