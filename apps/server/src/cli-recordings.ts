import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLocale, LOCALES, PictureRequestError, recordingSvg } from '@sockscope/ladder/node';
import { EXPORT_FORMATS, ExportFormat, RecordingFormatError, RecordingName, recordingToJsonLines } from '@sockscope/protocol';
import { importIntoStore, RecordingStore } from '@sockscope/recordings';
import { CaptureImportError } from '@sockscope/recordings/import';
import { UsageError, writeOutput } from './cli-output.ts';
import { replayHtml } from './replay-page.ts';

function parseName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = RecordingName.safeParse(value);
  if (!parsed.success) throw new UsageError(`--name ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return parsed.data;
}

function oneArgument(positionals: string[], command: string, what: string): string {
  const [value, ...extra] = positionals;
  if (!value) throw new UsageError(`${command} needs ${what}`);
  if (extra.length > 0) throw new UsageError(`${command} takes one ${what.replace(/^an? /, '')}, not also "${extra.join(' ')}"`);
  return value;
}

/** `sockscope import <file> [--name NAME]`: a capture or a JSON Lines recording, saved as one recording. */
export async function importCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, strict: true, options: { name: { type: 'string' } } });
  const file = oneArgument(positionals, 'import', 'a file (pcap, pcapng or JSON Lines)');
  const name = parseName(values.name);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`);
  }
  const store = await RecordingStore.open();
  try {
    const { recording, problems } = await importIntoStore(store, bytes, { file: path.basename(file), ...(name !== undefined && { name }) });
    for (const problem of problems) {
      const where = problem.offset === undefined ? '' : ` (offset ${problem.offset})`;
      process.stderr.write(`sockscope: ${file}: packet ${problem.packet}${where}: ${problem.reason}\n`);
    }
    process.stderr.write(`saved ${recording.id}\n`);
  } catch (error) {
    if (error instanceof CaptureImportError || error instanceof RecordingFormatError) throw new Error(`${file} was not imported: ${error.message}`);
    throw error;
  }
}

/** `sockscope recordings`: one line each, tab-separated, newest first. */
export async function recordingsCommand(args: string[]): Promise<void> {
  parseArgs({ args, allowPositionals: false, strict: true, options: {} });
  const store = await RecordingStore.open();
  for (const r of await store.list()) {
    const columns = [r.id, r.createdAt, r.name, r.scenario ?? r.origin, `${r.eventCount} events`, `${r.trackCount} tracks`, r.hasCapture ? 'pcap' : `no pcap (${r.capture.mode})`];
    process.stdout.write(`${columns.join('\t')}\n`);
  }
}

/** `sockscope export <id> --format jsonl|pcap|svg|html [--lang en|ko] [--track ID]… [--out FILE]` */
export async function exportCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, track: { type: 'string', multiple: true } },
  });
  const id = oneArgument(positionals, 'export', 'a recording id (see: sockscope recordings)');
  const requested = values.format ?? 'jsonl';
  if (requested === 'png') {
    throw new UsageError('--format png is made by the page (the Export buttons above the ladder); here, --format svg draws the same picture');
  }
  const format = ExportFormat.safeParse(requested);
  if (!format.success) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${requested}"`);
  if (format.data !== 'svg' && (values.lang !== undefined || values.track !== undefined)) {
    throw new UsageError('--lang and --track choose how --format svg draws the ladder');
  }
  if (values.lang !== undefined && !isLocale(values.lang)) throw new UsageError(`--lang must be one of ${LOCALES.join(', ')}, not "${values.lang}"`);
  if (format.data === 'pcap' && !values.out && process.stdout.isTTY) {
    throw new UsageError('a pcap is binary: write it to a file with --out FILE, or pipe it (| tshark -r -)');
  }
  const store = await RecordingStore.open();
  if (format.data === 'pcap') return writeOutput(values.out, await store.pcap(id));
  if (format.data === 'html') return writeOutput(values.out, await replayHtml(recordingToJsonLines(await store.read(id))));
  if (format.data === 'svg') {
    try {
      const { svg } = await recordingSvg(await store.read(id), { ...(isLocale(values.lang) && { locale: values.lang }), ...(values.track && { tracks: values.track }) });
      return await writeOutput(values.out, svg);
    } catch (error) {
      if (error instanceof PictureRequestError) throw new UsageError(`--track: ${error.message}`);
      throw error;
    }
  }
  let text = '';
  for await (const chunk of await store.jsonl(id)) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  await writeOutput(values.out, text);
}
