import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ANCHOR, historySpacing } from '../../src/sandbox/demo-timeline.js';
import { startPlugnmeetSimulator } from '../../src/sandbox/plugnmeet/plugnmeet-simulator.js';
import { PLUGNMEET_DEMO_PAST_SESSIONS } from '../../src/sandbox/plugnmeet/plugnmeet-seed.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { startTelnyxSimulator } from '../../src/sandbox/telnyx/telnyx-simulator.js';
import { startVideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

describe('sandbox history size (SANDBOX_HISTORY)', () => {
  it('seeds the given number of ended sessions per provider, all after 1970 and before the demo anchor', async () => {
    const plugnmeet = await startPlugnmeetSimulator({ history: 5_000 });
    const videosdk = await startVideosdkSimulator({ history: 5_000 });
    const telnyx = await startTelnyxSimulator({ history: 5_000 });
    running.push(plugnmeet, videosdk, telnyx);
    const plugnmeetPast = plugnmeet.store.sessions().filter((row) => row.endedAt !== null && !row.parentRoomId);
    expect(plugnmeetPast).toHaveLength(5_000);
    expect(videosdk.store.sessions.filter((session) => session.end !== null)).toHaveLength(5_000);
    expect(telnyx.store.sessions.filter((session) => !session.active)).toHaveLength(5_000);
    const starts = plugnmeetPast.map((row) => row.createdAt.getTime());
    expect(Math.min(...starts)).toBeGreaterThan(0);
    expect(Math.max(...starts)).toBeLessThanOrEqual(DEMO_ANCHOR.getTime());
  });

  it('keeps the demo seed when no size is given, and packs 100 000 sessions into about five years', async () => {
    const plugnmeet = await startPlugnmeetSimulator();
    running.push(plugnmeet);
    expect(plugnmeet.store.sessions().filter((row) => row.endedAt !== null && !row.parentRoomId)).toHaveLength(PLUGNMEET_DEMO_PAST_SESSIONS);
    expect(historySpacing(PLUGNMEET_DEMO_PAST_SESSIONS)).toBe(7 * 3_600_000);
    expect(historySpacing(100_000) * 100_000).toBeLessThanOrEqual(5 * 365 * 86_400_000);
  });
});
