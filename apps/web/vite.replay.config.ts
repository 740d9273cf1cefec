import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/**
 * The offline replay page: replay.html built into ONE file, every script and style inlined, so
 * it opens from a USB stick (file://) with no server and no network. The server and the CLI fill
 * its empty <script id="recording"> with a recording (apps/server/src/replay-page.ts, with
 * packages/protocol/src/replay-template.ts).
 */
export default defineConfig({
  plugins: [react(), viteSingleFile({ removeViteModuleLoader: true })],
  build: {
    outDir: 'dist-replay',
    emptyOutDir: true,
    rollupOptions: { input: 'replay.html' },
  },
});
