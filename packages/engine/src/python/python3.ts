import { execFileSync } from 'node:child_process';
import type { PythonAvailability } from '@sockscope/protocol';
import { messageOf, SessionError } from '../errors.ts';

let found: { executable: string; version: string } | undefined;

/**
 * The python3 interpreter's own file. `python3` on PATH may be a wrapper (pyenv's shim is a
 * shell script that takes a second to start on a loaded machine); asking it once for
 * `sys.executable` lets every program start the interpreter directly. SOCKSCOPE_PYTHON names
 * another interpreter.
 */
export function python3(): string {
  return interpreter().executable;
}

function interpreter(): { executable: string; version: string } {
  if (found) return found;
  try {
    const named = process.env.SOCKSCOPE_PYTHON ?? 'python3';
    const [executable = '', version = ''] = execFileSync(named, ['-c', 'import platform, sys; print(sys.executable); print(platform.python_version())'], { encoding: 'utf8', stdio: 'pipe' }).trim().split('\n');
    found = { executable, version };
  } catch (error) {
    throw new SessionError('python-unavailable', `python3 cannot run here (${messageOf(error)}); install it (Debian: apt-get install python3) or run the scenario with Node`);
  }
  return found;
}

let availability: PythonAvailability | undefined;

/** Whether sessions can run as Python programs here, and if not, why: asked once, for every page's welcome. */
export function pythonAvailability(): PythonAvailability {
  if (availability) return availability;
  try {
    availability = { available: true, version: interpreter().version };
  } catch (error) {
    availability = { available: false, reason: messageOf(error) };
  }
  return availability;
}
