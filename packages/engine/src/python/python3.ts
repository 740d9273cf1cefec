import { execFileSync } from 'node:child_process';
import { messageOf, SessionError } from '../errors.ts';

let found: string | undefined;

/**
 * The python3 interpreter's own file. `python3` on PATH may be a wrapper (pyenv's shim is a
 * shell script that takes a second to start on a loaded machine); asking it once for
 * `sys.executable` lets every program start the interpreter directly. SOCKSCOPE_PYTHON names
 * another interpreter.
 */
export function python3(): string {
  if (found) return found;
  try {
    const named = process.env.SOCKSCOPE_PYTHON ?? 'python3';
    found = execFileSync(named, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch (error) {
    throw new SessionError('python-unavailable', `python3 cannot run here (${messageOf(error)}); install it (Debian: apt-get install python3) or run the scenario with Node`);
  }
  return found;
}
