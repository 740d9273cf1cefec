import { describe, expect, it } from 'vitest';
import { browserImports } from '../../../analysis/src/test-import-graph.ts';

describe('the import pipeline', () => {
  it('imports no Node module, directly or indirectly, so the page can run it in a Web Worker', () => {
    const { files, outside } = browserImports('@sockscope/recordings/import');
    expect(outside).toEqual([]);
    // It really walked the analysis' and the reader's files, not just this folder.
    expect(files).toEqual(expect.arrayContaining([
      'packages/analysis/src/tcp-state.ts', 'packages/analysis/src/packet-events.ts', 'packages/wire/src/pcapng.ts', 'packages/protocol/src/recording-jsonl.ts',
    ]));
  });
});
