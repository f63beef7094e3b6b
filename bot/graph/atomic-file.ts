import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes to a hidden temp name, flushes, then renames: a crash never leaves half a letter or half an
 * invitation under its real name in the outbox.
 */
export async function writeAtomically(finalPath: string, data: string | Buffer): Promise<void> {
  const tmp = path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, finalPath);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
