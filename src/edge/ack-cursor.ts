// The forwarder's acknowledgement cursor: the highest journal seq the server has answered for,
// with every entry at or below it answered too. Written to a temporary file, fsynced, renamed over
// ack.json, and the directory fsynced, so a crash leaves either the old cursor or the new one.
import { readFile, rename, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './segment-file.js';

export const ACK_FILE = 'ack.json';

export async function loadCursor(dir: string): Promise<number> {
  try {
    const value = JSON.parse(await readFile(join(dir, ACK_FILE), 'utf8')) as { acknowledged?: unknown };
    return typeof value.acknowledged === 'number' ? value.acknowledged : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new Error(`${join(dir, ACK_FILE)} is unreadable (${(error as Error).message}); remove it to resend the whole journal (the server ignores reads it already has).`);
  }
}

export async function saveCursor(dir: string, acknowledged: number): Promise<void> {
  const path = join(dir, ACK_FILE);
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ acknowledged, at: new Date().toISOString() })}\n`);
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDir(dir);
}
