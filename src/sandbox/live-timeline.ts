/**
 * The sandbox's live timeline: every `intervalMs`, one thing happens in one provider's simulator
 * (round robin): a session starts, someone joins or leaves, a session ends. The choice is seeded,
 * so a timeline replays the same story; the simulator's REST answers change first, then its signed
 * webhooks go to the gateway, one at a time and in order (with plugNmeet's two retries on failure).
 */
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import { seededRandom } from './demo-timeline.js';
import type { LiveDriver, LiveRoomState } from './live-driver.js';

/** What the timeline did in one step: the provider, the change, and the payloads delivered for it. */
export interface TimelineStep {
  provider: ProviderName;
  action: 'start' | 'join' | 'leave' | 'end';
  roomId: string;
  payloads: unknown[];
}

export interface LiveTimeline {
  /** Makes the next change and delivers its webhooks (resolves once they are answered). */
  step(): Promise<TimelineStep>;
  /** Runs `step` every `intervalMs` until `stop`. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export interface LiveTimelineOptions {
  /** Where webhooks go: `${origin}/webhooks/<provider>`. */
  targetOrigin: string;
  seed?: number;
  /** Called with a delivery that failed after its retries (the timeline goes on). */
  onDeliveryFailure?: (provider: ProviderName, status: number | null) => void;
}

/** People who come and go in the demo rooms. */
const NAMES = ['Noor Haddad', 'Lena Fischer', 'Kwame Mensah', 'Aiko Tanaka', 'Mateo García', 'Sofia Petrova', 'Ravi Iyer', 'Zanele Khumalo', 'Owen Byrne', 'Ines Moreau'];

/** A live room never holds more than this many people, and at most this many rooms run at once per provider. */
const MAX_PEOPLE = 6;
const MAX_LIVE_ROOMS = 4;

/** A timeline over `drivers` (one per provider), delivering to `options.targetOrigin`. */
export function createLiveTimeline(drivers: readonly LiveDriver[], options: LiveTimelineOptions): LiveTimeline {
  const random = seededRandom(options.seed ?? 0x11fe);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const ordered = PROVIDER_NAMES.flatMap((name) => drivers.filter((driver) => driver.provider === name));
  let turn = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const step = async (): Promise<TimelineStep> => {
    const driver = ordered[turn++ % ordered.length]!;
    const at = new Date();
    const { action, roomId, payloads } = decide(driver, pick, random(), at);
    for (const payload of payloads) await deliver(driver, payload, options);
    return { provider: driver.provider, action, roomId, payloads };
  };

  return {
    step,
    start: (intervalMs) => {
      timer ??= setInterval(() => {
        running = running.then(step).catch(() => undefined);
      }, intervalMs);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

/** The next change in `driver`'s simulator, made, with the payloads the provider sends for it. */
function decide(driver: LiveDriver, pick: <T>(items: readonly T[]) => T, roll: number, at: Date): Omit<TimelineStep, 'provider'> {
  const live = driver.liveRooms();
  const idle = driver.idleRooms();
  const joinable = live.filter((room) => room.participants.length < MAX_PEOPLE);
  const leavable = live.filter((room) => room.participants.length > 1);
  const endable = live.filter((room) => room.participants.length <= 2);
  if ((roll < 0.15 || live.length === 0) && idle.length > 0 && live.length < MAX_LIVE_ROOMS) {
    const roomId = pick(idle);
    return { action: 'start', roomId, payloads: [...driver.startSession(roomId, at), ...driver.join(roomId, pick(NAMES), at)] };
  }
  if (roll < 0.3 && endable.length > 0) return end(driver, pick(endable), at);
  if ((roll < 0.7 || leavable.length === 0) && joinable.length > 0) {
    const room = pick(joinable);
    return { action: 'join', roomId: room.roomId, payloads: driver.join(room.roomId, pick(NAMES), at) };
  }
  const room = leavable.length > 0 ? pick(leavable) : pick(live);
  return { action: 'leave', roomId: room.roomId, payloads: driver.leave(room.roomId, pick(room.participants), at) };
}

/** Everyone leaves, then the session ends. */
function end(driver: LiveDriver, room: LiveRoomState, at: Date): Omit<TimelineStep, 'provider'> {
  const leaves = room.participants.flatMap((participantId) => driver.leave(room.roomId, participantId, at));
  return { action: 'end', roomId: room.roomId, payloads: [...leaves, ...driver.endSession(room.roomId, at)] };
}

/** Attempts per webhook: plugNmeet's notifier retries twice on connection errors, 429 and 5xx. */
const ATTEMPTS = 3;

async function deliver(driver: LiveDriver, payload: unknown, options: LiveTimelineOptions): Promise<void> {
  const url = `${options.targetOrigin}/webhooks/${driver.provider}`;
  let status: number | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const signed = await driver.sign(payload, url);
    try {
      const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      status = response.status;
      if (status < 500 && status !== 429) break;
    } catch {
      status = null;
    }
  }
  if (status !== 200) options.onDeliveryFailure?.(driver.provider, status);
}
