import { open, rm } from 'node:fs/promises';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { BrokenPacket, RecordingSummary } from '@sockscope/protocol';
import { FileImporter, type ImportedFile } from './import/file-importer.ts';
import type { RecordingStore, SaveOptions } from './store.ts';

/** Decoding goes on in pieces this size, letting the server answer others in between. */
const PIECE_BYTES = 1024 * 1024;

export interface StoredImport {
  recording: RecordingSummary;
  /** Every broken packet of an imported capture. */
  problems: BrokenPacket[];
}

interface ImportOptions {
  file: string;
  name?: string;
}

/**
 * Imports a file (pcap, pcapng or JSON Lines) and saves it as one recording: a capture with its
 * bytes beside the events, for pcap export. `source` is the whole file, or its chunks as they
 * arrive (an upload): those are decoded as they come — a file that is none of the three is
 * refused at its first bytes — and written to the store's staging folder, not held in memory.
 * Throws CaptureImportError or RecordingFormatError for a file it cannot read; saves nothing then.
 */
export async function importIntoStore(store: RecordingStore, source: Uint8Array | AsyncIterable<Uint8Array>, options: ImportOptions): Promise<StoredImport> {
  const importer = new FileImporter(options);
  if (source instanceof Uint8Array) {
    for (let at = 0; at < source.length; at += PIECE_BYTES) {
      importer.push(source.subarray(at, at + PIECE_BYTES));
      await yieldToEvents();
    }
    return save(store, importer.end(), options, (format) => ({ bytes: source, format }));
  }
  const staged = store.stagingPath('import');
  try {
    const handle = await open(staged, 'wx');
    try {
      for await (const chunk of source) {
        // Decoded first: a file of the wrong kind is refused before any of it is written.
        importer.push(chunk);
        await handle.writeFile(chunk);
      }
    } finally {
      await handle.close();
    }
    return await save(store, importer.end(), options, (format) => ({ staged, format }));
  } finally {
    await rm(staged, { force: true });
  }
}

async function save(
  store: RecordingStore, imported: ImportedFile, options: ImportOptions, capture: (format: 'pcap' | 'pcapng') => NonNullable<SaveOptions['capture']>,
): Promise<StoredImport> {
  const { recording } = imported;
  const saved = recording.origin.kind === 'capture' && imported.kind === 'capture'
    ? await store.save(recording, { capture: capture(recording.origin.format) })
    : await store.save(recording, { noCapture: `it was imported from ${options.file}, a JSON Lines file, which holds events but not packet bytes` });
  return { recording: saved, problems: imported.problems };
}
