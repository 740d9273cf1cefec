import { rename, rm, writeFile } from 'node:fs/promises';

/** A mistake in how the CLI was called: said in one line, exit code 2. */
export class UsageError extends Error {}

/**
 * Writes a file atomically (beside it, then renamed over it: a reader never sees half of it),
 * or to stdout without `out`.
 */
export async function writeOutput(out: string | undefined, data: string | Uint8Array): Promise<void> {
  if (!out) {
    await new Promise<void>((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve())));
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  try {
    await writeFile(partial, data);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw new Error(`could not write ${out}: ${(error as Error).message}`);
  }
}
