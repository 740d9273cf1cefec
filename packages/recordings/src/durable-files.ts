import { open, rename } from 'node:fs/promises';

/** Text is handed to the kernel in pieces of about this size, not line by line. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes a new file (it must not exist) from its parts and flushes it to the disk before
 * returning: once renamed into place, it survives a crash whole.
 */
export async function writeDurably(file: string, parts: Iterable<string | Uint8Array>): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async () => {
      // writeFile, unlike write, goes on until every byte is written.
      if (pending.length > 0) await handle.writeFile(pending.join(''));
      pending = [];
      pendingLength = 0;
    };
    for (const part of parts) {
      if (typeof part !== 'string') {
        await flush();
        await handle.writeFile(part);
        continue;
      }
      pending.push(part);
      pendingLength += part.length;
      if (pendingLength >= WRITE_BYTES) await flush();
    }
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (a file created or renamed in it) to the disk. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a finished file to the disk and renames it to `to` (same file system), as writeDurably would leave it. */
export async function moveDurably(from: string, to: string): Promise<void> {
  const handle = await open(from, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(from, to);
}
