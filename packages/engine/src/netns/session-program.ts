import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop, type Plugin } from 'esbuild';

const CHILD = fileURLToPath(new URL('../held/child.ts', import.meta.url));

/**
 * Each engine module finds its files (the listening process, the queue helper) beside itself,
 * through import.meta.url: in one bundle that would be the bundle's, so each keeps its own.
 */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => ({
      contents: (await readFile(file, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: 'ts',
    }));
  },
};

let program: Promise<string> | undefined;

/**
 * The session process's program (held/child.ts with the engine it imports) as one plain
 * JavaScript file, which node starts in a fraction of the time tsx takes to load the TypeScript
 * modules one by one (1.2–1.5 s against 4–6 s on a loaded 2-core machine). Built once per engine
 * process, written to the temporary folder under a name made of its content, so identical builds
 * share one file.
 */
export function sessionProgram(): Promise<string> {
  program ??= bundle();
  return program;
}

async function bundle(): Promise<string> {
  try {
    const result = await build({
      entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent', plugins: [ownUrls],
    });
    const code = result.outputFiles[0]?.text ?? '';
    const file = path.join(tmpdir(), `sockscope-session-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    const present = await stat(file).then((found) => found.size === Buffer.byteLength(code), () => false);
    if (!present) {
      // Written whole or not at all: another engine may start the same file at this moment.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, code, { mode: 0o644 });
      await rename(partial, file);
    }
    return file;
  } finally {
    // esbuild's service process is not needed again, and must not outlive us.
    await stop();
  }
}
