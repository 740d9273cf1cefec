import { describe, expect, it } from 'vitest';
import { browserImports } from './test-import-graph.ts';

describe('the analysis', () => {
  it('imports no Node module, directly or indirectly, so the page can run it', () => {
    const { files, outside } = browserImports('@sockscope/analysis');
    expect(outside).toEqual([]);
    // It really walked the files it imports, not just its own.
    expect(files).toEqual(expect.arrayContaining([
      'packages/analysis/src/tcp-state.ts', 'packages/analysis/src/packet-events.ts', 'packages/analysis/src/retransmissions.ts', 'packages/wire/src/index.ts',
    ]));
  });
});
