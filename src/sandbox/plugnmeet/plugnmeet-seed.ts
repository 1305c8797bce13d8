import { demoSessionStart, historySpacing, seededRandom } from '../demo-timeline.js';
import { createPlugnmeetIdSource } from './plugnmeet-ids.js';
import type { PlugnmeetParticipantInput, PlugnmeetParticipantState } from './plugnmeet-session.js';
import type { PlugnmeetStore } from './plugnmeet-store.js';

/** How many ended sessions the demo history holds (session i starts at `demoSessionStart('plugnmeet', i)`). */
export const PLUGNMEET_DEMO_PAST_SESSIONS = 48;

const PAST_ROOMS = [
  { roomId: 'weekly-standup', title: 'Weekly stand-up' },
  { roomId: 'design-review', title: 'Design review' },
  { roomId: 'customer-onboarding', title: 'Customer onboarding' },
  { roomId: 'all-hands', title: 'All hands' },
  { roomId: 'sales-demo', title: 'Sales demo', webhookUrl: 'https://hooks.example.com/plugnmeet/sales' },
  { roomId: 'support-clinic', title: 'Support clinic' },
  { roomId: 'hiring-panel', title: 'Hiring panel' },
  { roomId: 'board-meeting', title: 'Board meeting' },
  { roomId: 'book-club', title: 'Book club' },
];

/**
 * The live rooms; the first one also has past sessions. The town hall is being recorded: its
 * recorder bot and a hidden admin are listed beside the people, two of whom are still connecting
 * (JOINED, JOINING), as LiveKit lists them (fidelity-audit P4). `town-hall-1` is one of its
 * breakout rooms (`<parent>-<id>`, P5).
 */
const LIVE_ROOMS: LiveRoom[] = [
  { roomId: 'weekly-standup', title: 'Weekly stand-up', minutesAgo: 14, people: 3 },
  { roomId: 'office-hours', title: 'Office hours', minutesAgo: 41, people: 2 },
  { roomId: 'town-hall', title: 'Company town hall', minutesAgo: 73, people: 4, isRecording: true, states: ['ACTIVE', 'ACTIVE', 'JOINED', 'JOINING'] },
  { roomId: 'town-hall-1', title: 'Company town hall: breakout 1', minutesAgo: 20, people: 2, parentRoomId: 'town-hall' },
];

interface LiveRoom {
  roomId: string;
  title: string;
  minutesAgo: number;
  people: number;
  isRecording?: boolean;
  parentRoomId?: string;
  states?: PlugnmeetParticipantState[];
}

/** Who else a recorded room lists: the recorder bot (`RECORDER_BOT`, reference) and a hidden admin. */
const RECORDING_EXTRAS: PlugnmeetParticipantInput[] = [
  { identity: 'RECORDER_BOT', name: 'RECORDER_BOT' },
  { identity: 'observer', name: 'Hidden observer', isAdmin: true, hidden: true },
];

/** The past session of `all-hands` whose breakout rooms the demo keeps (two, 25 minutes each). */
const BREAKOUT_PARENT_SESSION = 39;

const PEOPLE = [
  ['ada', 'Ada Lovelace'],
  ['grace', 'Grace Hopper'],
  ['alan', 'Alan Turing'],
  ['katherine', 'Katherine Johnson'],
  ['edsger', 'Edsger Dijkstra'],
  ['barbara', 'Barbara Liskov'],
  ['linus', 'Linus Torvalds'],
  ['margaret', 'Margaret Hamilton'],
  ['donald', 'Donald Knuth'],
] as const;

const MINUTE = 60_000;

/**
 * Fills `store` with the deterministic demo data: 48 ended sessions over 9 rooms (20–90 minutes
 * each, some with an analytics file) plus two ended breakout rooms of one of them, and 4 live
 * rooms (one a breakout room of another) created minutes before `now`. Rows are
 * inserted in creation order, so row ids (fetchPastRooms' order) agree with `created`. `history`
 * sets how many ended sessions there are instead (`SANDBOX_HISTORY`, the benchmark's long histories).
 */
export function seedPlugnmeetDemo(store: PlugnmeetStore, now: Date = new Date(), history = PLUGNMEET_DEMO_PAST_SESSIONS): void {
  const random = seededRandom(0x706e6d);
  const ids = createPlugnmeetIdSource(random);
  const inserts: { createdAt: Date; insert: () => void }[] = [];
  const spacing = historySpacing(history);
  for (let index = 0; index < history; index += 1) {
    const room = PAST_ROOMS[(index * 4) % PAST_ROOMS.length]!;
    const createdAt = demoSessionStart('plugnmeet', index, spacing);
    const seconds = 20 * 60 + Math.floor(random() * 70 * 60 + 1);
    const session = {
      roomId: room.roomId,
      roomTitle: room.title,
      createdAt,
      endedAt: new Date(createdAt.getTime() + seconds * 1000),
      sid: ids.uuid(),
      webhookUrl: room.webhookUrl ?? '',
      // The online gauge ends at 0 once everyone has left (fidelity-audit P1).
      joinedParticipants: 0,
      analyticsFileId: random() < 0.35 ? ids.uuid() : null,
    };
    inserts.push({ createdAt, insert: () => void store.addPastSession(session) });
    if (index === BREAKOUT_PARENT_SESSION) inserts.push(...toPastBreakouts(store, room.roomId, createdAt, ids.uuid));
  }
  LIVE_ROOMS.forEach((room, rank) => {
    const createdAt = new Date(now.getTime() - room.minutesAgo * MINUTE);
    const people = toLiveParticipants(room.people, rank * 3, createdAt, now, ids.participantSid)
      .map((person, index) => ({ ...person, state: room.states?.[index] ?? 'ACTIVE' }));
    const participants = [...people, ...(room.isRecording ? RECORDING_EXTRAS.map((extra) => ({ ...extra, joinedAt: createdAt })) : [])];
    const sid = ids.uuid();
    const start = { roomId: room.roomId, roomTitle: room.title, createdAt, sid, participants, isRecording: room.isRecording, parentRoomId: room.parentRoomId };
    inserts.push({ createdAt, insert: () => void store.startRoom(start) });
  });
  inserts.sort((left, right) => left.createdAt.getTime() - right.createdAt.getTime());
  for (const { insert } of inserts) insert();
}

/** Two ended breakout rooms of a parent session, 10 minutes in, as their own rows. */
function toPastBreakouts(store: PlugnmeetStore, parentRoomId: string, parentStart: Date, uuid: () => string) {
  return [1, 2].map((number) => {
    const createdAt = new Date(parentStart.getTime() + 10 * MINUTE + number * 1000);
    const session = {
      roomId: `${parentRoomId}-${number}`,
      roomTitle: `Breakout ${number}`,
      createdAt,
      endedAt: new Date(createdAt.getTime() + 25 * MINUTE),
      sid: uuid(),
      parentRoomId,
    };
    return { createdAt, insert: () => void store.addPastSession(session) };
  });
}

/** `count` people, the first one the room's admin, joining between `createdAt` and `now`. */
function toLiveParticipants(
  count: number,
  firstPerson: number,
  createdAt: Date,
  now: Date,
  participantSid: () => string,
): PlugnmeetParticipantInput[] {
  const span = now.getTime() - createdAt.getTime();
  return Array.from({ length: count }, (_unused, index) => {
    const [identity, name] = PEOPLE[(firstPerson + index) % PEOPLE.length]!;
    const joinedAt = new Date(createdAt.getTime() + Math.floor((span * index) / (count + 1)) + 5_000);
    return { sid: participantSid(), identity, name, joinedAt, isAdmin: index === 0 };
  });
}
