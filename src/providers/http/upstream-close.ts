import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'undici';

/** How long `close` lets calls in flight finish before the pool is destroyed under them. */
export const CLOSE_GRACE_MS = 500;

/** Closes the pool gracefully, and destroys it (cutting hung calls) when that takes over `graceMs`. */
export async function closeWithin(pool: Pool, graceMs: number): Promise<void> {
  const timer = new AbortController();
  const late = sleep(graceMs, 'late', { signal: timer.signal }).catch(() => 'closed');
  const outcome = await Promise.race([pool.close().then(() => 'closed'), late]);
  timer.abort();
  if (outcome === 'late') await pool.destroy();
}

