import { DEMO_ANCHOR, demoSessionStart, historySpacing, seededRandom } from '../demo-timeline.js';
import type { VideosdkSimTimelog, VideosdkStore } from './videosdk-store.js';

/** How many ended sessions lie on the demo grid (session i starts at `demoSessionStart('videosdk', i)`). */
export const VIDEOSDK_DEMO_GRID_SESSIONS = 48;

/** The grid session whose start a second session (in another room) shares, to exercise tie-breaking. */
export const VIDEOSDK_DEMO_TIED_INDEX = 12;

/** Ended sessions in all: the grid plus the tied one. */
export const VIDEOSDK_DEMO_PAST_SESSIONS = VIDEOSDK_DEMO_GRID_SESSIONS + 1;

/** The demo rooms; index 6 never had a session. */
const ROOMS = ['daily-standup', 'design-review', null, 'support-desk', null, 'all-hands', null, 'interview-loop'];

/** Which room (index into ROOMS) grid session i belongs to: `PAST_PATTERN[i % 10]`. */
const PAST_PATTERN = [0, 1, 2, 0, 3, 4, 5, 7, 1, 2];

/** Live sessions, relative to the real now. */
const LIVE = [
  { room: 0, minutesAgo: 12 },
  { room: 2, minutesAgo: 37 },
  { room: 5, minutesAgo: 65 },
];

const PEOPLE = ['Jacques', 'Rahul', 'Amara', 'Mei', 'Sven', 'Priya', 'Tomás', 'Yusuf', 'Ingrid', 'Kofi'];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Seeds the demo account: 8 rooms (5 with a customRoomId), 49 ended sessions spread over two weeks
 * (some participants rejoin, with 2 or 3 timelog segments), and 3 live sessions started minutes
 * before `now`, whose participants are connected, gone, or back after a break. `history` sets how
 * many ended sessions there are instead (`SANDBOX_HISTORY`: `history - 1` on the grid plus the tied one).
 */
export function seedVideosdkDemo(store: VideosdkStore, now: Date, history = VIDEOSDK_DEMO_PAST_SESSIONS): void {
  const random = seededRandom(0x71de05d);
  const rooms = ROOMS.map((customRoomId, index) =>
    store.addRoom({ customRoomId, createdAt: new Date(DEMO_ANCHOR.getTime() - (40 + 3 * index) * DAY) }),
  );
  const grid = Math.max(VIDEOSDK_DEMO_TIED_INDEX + 1, history - 1);
  const spacing = historySpacing(grid);
  for (let index = 0; index < grid; index += 1) {
    addPastSession(store, random, rooms[PAST_PATTERN[index % 10]!]!.roomId, demoSessionStart('videosdk', index, spacing), index);
  }
  addPastSession(store, random, rooms[4]!.roomId, demoSessionStart('videosdk', VIDEOSDK_DEMO_TIED_INDEX, spacing), grid);
  for (const live of LIVE) addLiveSession(store, rooms[live.room]!.roomId, new Date(now.getTime() - live.minutesAgo * MINUTE), live.room);
}

function addPastSession(store: VideosdkStore, random: () => number, roomId: string, start: Date, index: number): void {
  const end = new Date(start.getTime() + (25 + Math.floor(random() * 70)) * MINUTE);
  const count = 2 + Math.floor(random() * 4);
  const participants = Array.from({ length: count }, (_, position) => {
    // The first participant opens the session and the last one closes it.
    const join = position === 0 ? start.getTime() : start.getTime() + Math.floor(random() * 3 * MINUTE);
    const leave = position === count - 1 ? end.getTime() : end.getTime() - Math.floor(random() * 4 * MINUTE);
    const segments = position === 0 && index % 3 === 0 ? 2 + (index % 2) : random() < 0.2 ? 2 : 1;
    return { name: PEOPLE[(index + position) % PEOPLE.length]!, timelog: splitPresence(random, join, leave, segments) };
  });
  store.addSession({ roomId, start, end, participants });
}

/** `segments` stretches between `join` and `leave`, with breaks of one to four minutes. */
function splitPresence(random: () => number, join: number, leave: number, segments: number): VideosdkSimTimelog[] {
  const timelog: VideosdkSimTimelog[] = [];
  const span = (leave - join) / segments;
  for (let part = 0; part < segments; part += 1) {
    const start = part === 0 ? join : join + part * span + MINUTE + Math.floor(random() * 3 * MINUTE);
    const end = part === segments - 1 ? leave : join + (part + 1) * span;
    timelog.push({ start: new Date(start), end: new Date(end) });
  }
  return timelog;
}

function addLiveSession(store: VideosdkStore, roomId: string, start: Date, offset: number): void {
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
  const name = (position: number) => PEOPLE[(offset * 3 + position) % PEOPLE.length]!;
  store.addSession({
    roomId,
    start,
    end: null,
    participants: [
      { name: name(0), timelog: [{ start, end: null }] },
      { name: name(1), timelog: [{ start: at(1), end: at(5) }, { start: at(7), end: null }] },
      { name: name(2), timelog: [{ start: at(2), end: at(8) }] },
      { name: name(3), timelog: [{ start: at(3), end: null }] },
    ],
  });
}

/**
 * A second `ongoing` session in the first live room, started a day before `now` and never closed
 * (its participant's segment is still open): the kind of stale session a lost "session end" leaves.
 * VideoSDK documents no list order, so a client must pick the live session itself (audit V3).
 */
export function seedStaleOngoingSession(store: VideosdkStore, now: Date): void {
  const start = new Date(now.getTime() - DAY - LIVE[0]!.minutesAgo * MINUTE);
  store.addSession({ roomId: store.rooms[LIVE[0]!.room]!.roomId, start, end: null, participants: [{ name: 'Ghost', timelog: [{ start, end: null }] }] });
}
