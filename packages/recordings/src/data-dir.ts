import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where sockscope keeps its data: `SOCKSCOPE_DATA`, else the XDG data folder
 * (`$XDG_DATA_HOME/sockscope`, by default `~/.local/share/sockscope`).
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOCKSCOPE_DATA) return path.resolve(env.SOCKSCOPE_DATA);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(homedir(), '.local', 'share');
  return path.join(xdg, 'sockscope');
}
