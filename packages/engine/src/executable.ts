import { accessSync, constants } from 'node:fs';

/** Whether this process may run `file` (it exists and has the execute bit for us). */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
