#!/usr/bin/env node
// Builds the hold-the-wire queue helper (packages/engine/native/nfq-helper.c) with the system's
// C compiler against libnetfilter_queue. Optional: without Linux, a compiler or the library's
// headers it says what is missing and leaves the mode unavailable; `--required` (npm test) fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const required = process.argv.includes('--required');
const source = fileURLToPath(new URL('../packages/engine/native/nfq-helper.c', import.meta.url));
const output = fileURLToPath(new URL('../packages/engine/native/build/sockscope-nfq', import.meta.url));
const header = '/usr/include/libnetfilter_queue/libnetfilter_queue.h';
const enable = 'Debian: apt-get install -y libnetfilter-queue-dev build-essential, then npm run build:native';

function giveUp(reason) {
  const message = `sockscope: hold the wire is unavailable: ${reason} (${enable})`;
  if (required) {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

if (process.platform !== 'linux') giveUp('it needs Linux (NFQUEUE and network namespaces)');
if (!existsSync(header)) giveUp(`libnetfilter_queue's headers are missing (${header})`);
const compiler = ['cc', 'gcc', 'clang'].find((name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0);
if (!compiler) giveUp('no C compiler (cc) is installed');
mkdirSync(fileURLToPath(new URL('../packages/engine/native/build/', import.meta.url)), { recursive: true });
const build = spawnSync(compiler, ['-O2', '-Wall', '-Wextra', '-o', output, source, '-lnetfilter_queue'], { stdio: 'inherit' });
if (build.status !== 0) giveUp(`${compiler} could not build ${source}`);
console.log(`sockscope: built ${output}`);
