import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RecordingFormatError, recordingToJsonLines } from '@sockscope/protocol';
import { FUZZ, TEST_CAPTURES } from '@sockscope/wire/test-captures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureImportError } from './capture-importer.ts';
import { FileImporter, importFile } from './file-importer.ts';

// The whole import (decoding, connections and flows, relative numbers, retransmissions, states,
// JSON Lines validation) on mutated real files: it may refuse a file, in words, and nothing else.
const REAL = readdirSync(TEST_CAPTURES).filter((name) => /\.pcap(ng)?$/.test(name)).sort()
  .map((name) => new Uint8Array(readFileSync(path.join(TEST_CAPTURES, name))));
const JSONL = new TextEncoder().encode(recordingToJsonLines(importFile(REAL[REAL.findIndex(Boolean)]!, { file: 'seed.pcap' }).recording));
/** An input that takes longer than this to import would freeze the page's worker: a hang. */
const SLOW_MS = 2000;

function importInChunks(bytes: Uint8Array, sizes: number[]): void {
  const importer = new FileImporter({ file: 'fuzz.pcap' });
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = sizes.length === 0 ? bytes.length : (sizes[i % sizes.length] ?? 1);
    importer.push(bytes.subarray(at, at + size));
    at += size;
  }
  const { recording } = importer.end();
  // What it imports is a valid recording: it writes out and reads back.
  expect(recordingToJsonLines(recording).length).toBeGreaterThan(0);
}

function refusedInWordsOnly(bytes: Uint8Array, sizes: number[]): void {
  const started = performance.now();
  try {
    importInChunks(bytes, sizes);
  } catch (error) {
    if (!(error instanceof CaptureImportError || error instanceof RecordingFormatError)) throw error;
    expect((error as Error).message.length).toBeGreaterThan(0);
  }
  expect(performance.now() - started).toBeLessThan(SLOW_MS);
}

const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 6 });

function mutate(file: Uint8Array, mutations: { at: number; value: number }[], cut: number): Uint8Array {
  const mutated = file.slice(0, Math.max(1, file.length - (cut % 64)));
  for (const { at, value } of mutations) mutated[at % mutated.length] = value;
  return mutated;
}

describe('the import fuzzed', () => {
  it('refuses mutated real captures in words, or imports them, never crashes or hangs', () => {
    fc.assert(fc.property(fc.constantFrom(...REAL), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.nat(), chunkSizes,
      (file, mutations, cut, sizes) => refusedInWordsOnly(mutate(file, mutations, cut), sizes)), FUZZ);
  });

  it('refuses mutated JSON Lines recordings by line and field, never crashes', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.nat(), chunkSizes,
      (mutations, cut, sizes) => refusedInWordsOnly(mutate(JSONL, mutations, cut), sizes)), FUZZ);
  });

  it('refuses random bytes after a capture\'s or a recording\'s first bytes', () => {
    const heads = [REAL[0]!.subarray(0, 24), new TextEncoder().encode('{"v":1,'), new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a])];
    fc.assert(fc.property(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 2000 }), chunkSizes,
      (head, tail, sizes) => refusedInWordsOnly(new Uint8Array([...head, ...tail]), sizes)), FUZZ);
  });
});
