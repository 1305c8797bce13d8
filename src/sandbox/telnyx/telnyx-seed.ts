import { DEMO_ANCHOR, demoSessionStart, historySpacing, seededRandom } from '../demo-timeline.js';
import { toSeededUuid, toTelnyxTime, type StoredParticipant, type StoredSession, type TelnyxStore } from './telnyx-store.js';

/** How many ended sessions the demo history holds (session i starts at `demoSessionStart('telnyx', i)`). */
export const TELNYX_DEMO_PAST_SESSIONS = 48;

/** The demo rooms, each created on its own day well before the demo history starts. */
const ROOMS = [
  { name: 'daily-standup', createdDaysAgo: 16, updatedDaysLater: 1 },
  { name: 'design-review', createdDaysAgo: 18, updatedDaysLater: 2 },
  { name: 'all-hands', createdDaysAgo: 19, updatedDaysLater: 4 },
  { name: 'customer-onboarding', createdDaysAgo: 22, updatedDaysLater: 1 },
  { name: 'support-clinic', createdDaysAgo: 25, updatedDaysLater: 3 },
  { name: 'sales-demo', createdDaysAgo: 27, updatedDaysLater: 6 },
  { name: 'sprint-retro', createdDaysAgo: 30, updatedDaysLater: 2 },
  { name: 'office-hours', createdDaysAgo: 33, updatedDaysLater: 5 },
];

/** The live sessions: room index, how long ago they started, who is connected, who already left. */
const LIVE = [
  { room: 1, minutesAgo: 25, connected: 3, left: 1 },
  { room: 4, minutesAgo: 9, connected: 2, left: 0 },
];

const PEOPLE = ['Alice Martin', 'Bongani Dlamini', 'Chiara Rossi', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra', 'Hana Sato', 'Jade Dubois'];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Fills `store` with the deterministic demo data: 8 rooms, 48 ended sessions spread over them so
 * that rooms interleave in time, each with 1–5 participants whose `context` is a plain name or a
 * JSON object, and 2 live sessions that started minutes before `now` with connected participants.
 * `history` sets how many ended sessions there are instead (`SANDBOX_HISTORY`).
 */
export function seedTelnyxDemo(store: TelnyxStore, now: Date = new Date(), history = TELNYX_DEMO_PAST_SESSIONS): void {
  const random = seededRandom(0x7e1e);
  const time = (instant: Date | number) => toTelnyxTime(new Date(instant), random() * 1000);
  ROOMS.forEach((room, rank) => {
    const created = DEMO_ANCHOR.getTime() - room.createdDaysAgo * DAY + (8 * 60 + rank * 47) * MINUTE;
    store.rooms.push({
      id: toSeededUuid(random),
      unique_name: room.name,
      max_participants: 10 + rank * 5,
      enable_recording: rank % 3 === 0,
      webhook_event_url: `https://hooks.example.com/telnyx/${room.name}`,
      webhook_event_failover_url: '',
      webhook_timeout_secs: rank % 2 === 0 ? null : 10,
      created_at: time(created),
      updated_at: time(created + room.updatedDaysLater * DAY + rank * 13 * MINUTE),
    });
  });
  const spacing = historySpacing(history);
  for (let index = 0; index < history; index += 1) {
    const room = store.rooms[(index * 3 + Math.floor(random() * 2)) % store.rooms.length]!;
    const start = demoSessionStart('telnyx', index, spacing).getTime();
    const end = start + (20 + Math.floor(random() * 90)) * MINUTE;
    const session: StoredSession = {
      id: toSeededUuid(random),
      room_id: room.id,
      active: false,
      created_at: time(start),
      updated_at: time(end + 2000),
      ended_at: time(end),
    };
    store.sessions.push(session);
    const count = 1 + Math.floor(random() * 5);
    for (let seat = 0; seat < count; seat += 1) {
      const joined = start + seat * 90_000 + Math.floor(random() * 60_000);
      const left = end - Math.floor(random() * 120_000);
      store.participants.push(toParticipant(random, session.id, seat, time(joined), time(left)));
    }
  }
  for (const live of LIVE) seedLiveSession(store, random, live, now);
}

function seedLiveSession(store: TelnyxStore, random: () => number, live: (typeof LIVE)[number], now: Date): void {
  const start = now.getTime() - live.minutesAgo * MINUTE;
  const time = (instant: number) => toTelnyxTime(new Date(instant), random() * 1000);
  const roomId = store.rooms[live.room]!.id;
  const session: StoredSession = { id: toSeededUuid(random), room_id: roomId, active: true, created_at: time(start), updated_at: time(start) };
  store.sessions.push(session);
  for (let seat = 0; seat < live.connected + live.left; seat += 1) {
    const joined = start + (seat + 1) * MINUTE;
    const left = seat >= live.connected ? time(joined + 2 * MINUTE) : undefined;
    store.participants.push(toParticipant(random, session.id, seat, time(joined), left));
    session.updated_at = left ?? time(joined);
  }
}

/** A participant; one in three identifies through a JSON `context`, the others through a name. */
function toParticipant(random: () => number, sessionId: string, seat: number, joinedAt: string, leftAt: string | undefined): StoredParticipant {
  const name = PEOPLE[Math.floor(random() * PEOPLE.length)]!;
  const context = random() < 1 / 3 ? JSON.stringify({ name, role: seat === 0 ? 'host' : 'guest' }) : name;
  const participant: StoredParticipant = {
    id: toSeededUuid(random),
    session_id: sessionId,
    context,
    joined_at: joinedAt,
    updated_at: leftAt ?? joinedAt,
  };
  if (leftAt !== undefined) participant.left_at = leftAt;
  return participant;
}
