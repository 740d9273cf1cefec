import { RecordingFormatError, RecordingReader, type BrokenPacket, type Recording } from '@sockscope/protocol';
import { CaptureImporter, CaptureImportError, type CaptureImportOptions } from './capture-importer.ts';

export type ImportedFile =
  | { kind: 'capture'; recording: Recording; problems: BrokenPacket[] }
  | { kind: 'recording'; recording: Recording; problems: [] };

/** pcap (both byte orders, µs and ns) and pcapng. */
const CAPTURE_MAGICS = ['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1', '0a0d0d0a'];
const OPEN_BRACE = 0x7b;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

interface JsonLines {
  reader: RecordingReader;
  decoder: InstanceType<typeof TextDecoder>;
}

/** Decodes the next piece of text; bytes that are not UTF-8 are refused with the line they are on. */
function decode(jsonl: JsonLines, chunk?: Uint8Array): string {
  try {
    return chunk ? jsonl.decoder.decode(chunk, { stream: true }) : jsonl.decoder.decode();
  } catch {
    throw new RecordingFormatError(jsonl.reader.lines + 1, undefined, 'not UTF-8 text: a recording is JSON Lines');
  }
}

function hex(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Imports whatever file a user gives: a pcap or pcapng capture, or a sockscope JSON Lines
 * recording, told apart by their first bytes, fed in chunks of any size. Pure, like the
 * importers it drives.
 */
export class FileImporter {
  #head: number[] = [];
  /** Chunks held until the first bytes decide what the file is. */
  #held: Uint8Array[] = [];
  #capture: CaptureImporter | undefined;
  #jsonl: JsonLines | undefined;

  constructor(private readonly options: CaptureImportOptions) {}

  push(chunk: Uint8Array): void {
    if (this.#capture) return this.#capture.push(chunk);
    if (this.#jsonl) return this.#jsonl.reader.push(decode(this.#jsonl, chunk));
    for (const byte of chunk.subarray(0, 4 - this.#head.length)) this.#head.push(byte);
    this.#held.push(chunk);
    this.#decide(false);
  }

  end(): ImportedFile {
    if (!this.#capture && !this.#jsonl) this.#decide(true);
    if (this.#capture) return { kind: 'capture', ...this.#capture.end() };
    const jsonl = this.#jsonl as JsonLines;
    jsonl.reader.push(decode(jsonl));
    const recording = jsonl.reader.end();
    return { kind: 'recording', recording: this.options.name ? { ...recording, name: this.options.name } : recording, problems: [] };
  }

  /** Chooses the importer once the first bytes are in (or the file ended). */
  #decide(ended: boolean): void {
    const head = this.#head;
    const jsonl = head[0] === OPEN_BRACE || (head.length >= 4 && UTF8_BOM.every((byte, i) => head[i] === byte) && head[3] === OPEN_BRACE);
    if (jsonl) {
      this.#jsonl = { reader: new RecordingReader(), decoder: new TextDecoder('utf-8', { fatal: true }) };
    } else if (head.length >= 4 && CAPTURE_MAGICS.includes(hex(head))) {
      this.#capture = new CaptureImporter(this.options);
    } else if (head.length >= 4 || ended) {
      if (head.length === 0) throw new CaptureImportError('the file is empty');
      throw new CaptureImportError(`not a pcap, pcapng or sockscope JSON Lines file: it starts with 0x${hex(head)}`);
    } else {
      return;
    }
    const held = this.#held;
    this.#held = [];
    for (const chunk of held) this.push(chunk);
  }
}

/** Imports a whole file held in memory. */
export function importFile(bytes: Uint8Array, options: CaptureImportOptions): ImportedFile {
  const importer = new FileImporter(options);
  importer.push(bytes);
  return importer.end();
}
