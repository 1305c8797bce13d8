import { seededRandom } from '../demo-timeline.js';

/**
 * The VideoSDK simulator's data: rooms and their sessions, in the shapes of VideoSDK's own model
 * (reference Part A2). A session is live while `end` is null; a participant is connected while its
 * last timelog segment has no `end`. Tests may change the store while the simulator runs.
 */

export interface VideosdkSimTimelog {
  start: Date;
  end: Date | null;
}

export interface VideosdkSimParticipant {
  /** The document id the single-session endpoint shows as `_id`. */
  objectId: string;
  participantId: string;
  name: string;
  timelog: VideosdkSimTimelog[];
}

export interface VideosdkSimRoom {
  id: string;
  roomId: string;
  customRoomId: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Position in the default list order (not chronological; see `listInDefaultOrder`). */
  listRank: number;
}

export interface VideosdkSimSession {
  id: string;
  roomId: string;
  start: Date;
  end: Date | null;
  region: string;
  participants: VideosdkSimParticipant[];
  listRank: number;
}

export interface VideosdkSessionInput {
  roomId: string;
  start: Date;
  end: Date | null;
  participants: { name: string; timelog: VideosdkSimTimelog[] }[];
}

export interface VideosdkStore {
  rooms: VideosdkSimRoom[];
  sessions: VideosdkSimSession[];
  addRoom(input: { customRoomId: string | null; createdAt: Date }): VideosdkSimRoom;
  addSession(input: VideosdkSessionInput): VideosdkSimSession;
  /** A room by its roomId, internal id or customRoomId (as `GET /v2/rooms/:roomId` resolves it). */
  findRoom(idOrCustomId: string): VideosdkSimRoom | undefined;
  findSession(sessionId: string): VideosdkSimSession | undefined;
}

/**
 * How lists are ordered when nothing sorts them. VideoSDK documents no order, so the default
 * (`scrambled`) is a fixed pseudo-random order: deterministic, and useless to rely on.
 */
export type VideosdkListOrder = 'scrambled' | 'newest-first';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An empty store whose ids and list ranks come from a seeded random source. */
export function createVideosdkStore(seed = 0x5d5d): VideosdkStore {
  const random = seededRandom(seed);
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const word = (length: number) => Array.from({ length }, () => ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)]).join('');
  // Mongo-style ObjectIds: 4 bytes of seconds, then 8 random bytes (24 hex digits in all).
  const objectId = (time: Date) => Math.floor(time.getTime() / 1000).toString(16).padStart(8, '0').slice(-8) + hex(16);
  const store: VideosdkStore = {
    rooms: [],
    sessions: [],
    addRoom(input) {
      const roomId = `${word(4)}-${word(4)}-${word(4)}`;
      const room = { id: objectId(input.createdAt), roomId, disabled: false, updatedAt: input.createdAt, listRank: random(), ...input };
      store.rooms.push(room);
      return room;
    },
    addSession(input) {
      const participants = input.participants.map((participant) => ({
        objectId: objectId(input.start),
        participantId: word(8),
        ...participant,
      }));
      const session = { id: objectId(input.start), region: 'in002', listRank: random(), ...input, participants };
      store.sessions.push(session);
      return session;
    },
    findRoom: (id) => store.rooms.find((room) => room.roomId === id || room.id === id || room.customRoomId === id),
    findSession: (id) => store.sessions.find((session) => session.id === id),
  };
  return store;
}

/** Items in the simulator's default list order. */
export function listInDefaultOrder<T extends { listRank: number; start?: Date; createdAt?: Date }>(
  items: readonly T[],
  order: VideosdkListOrder,
): T[] {
  const time = (item: T) => (item.start ?? item.createdAt ?? new Date(0)).getTime();
  return [...items].sort((a, b) => (order === 'scrambled' ? a.listRank - b.listRank : time(b) - time(a)));
}
