import { execFileSync } from 'node:child_process';

let found: string | undefined;

/**
 * The python3 interpreter's own file. `python3` on PATH may be a wrapper (pyenv's shim is a
 * shell script that takes a second to start on a loaded machine); asking it once for
 * `sys.executable` lets every program start the interpreter directly.
 */
export function python3(): string {
  found ??= process.env.SOCKSCOPE_PYTHON ?? execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  return found;
}
