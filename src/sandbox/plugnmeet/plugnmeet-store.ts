import { seededRandom } from '../demo-timeline.js';
import { createPlugnmeetIdSource } from './plugnmeet-ids.js';
import { toRoomMetadataJson, toUserMetadataJson } from './plugnmeet-metadata.js';
import type {
  PlugnmeetParticipant,
  PlugnmeetParticipantInput,
  PlugnmeetPastSessionInput,
  PlugnmeetRoomFlags,
  PlugnmeetRoomStatus,
  PlugnmeetSession,
  PlugnmeetStartRoomInput,
} from './plugnmeet-session.js';

/** The simulator's in-memory database and NATS state, which tests fill and inspect directly. */
export interface PlugnmeetStore {
  /** Inserts a running session (NATS `active` with participants, else `created`); throws if one runs. */
  startRoom(input: PlugnmeetStartRoomInput): PlugnmeetSession;
  /** Adds a participant to the room's running session (throws if none) and makes the room `active`. */
  addParticipant(roomId: string, input: PlugnmeetParticipantInput): PlugnmeetParticipant;
  /** A participant leaves: the online gauge drops by one, never below 0 (`GREATEST(x-1,0)`). */
  removeParticipant(roomId: string, participantSid: string): void;
  /** Ends the running session at `endedAt` and drops the NATS entry; false when the room was unknown. */
  endRoom(roomId: string, endedAt?: Date): boolean;
  /**
   * A server crash or restart: the room's NATS entry is lost while its DB row still says running
   * (fidelity-audit P3). getActiveRoomsInfo then skips the row; fetchPastRooms still lists it.
   */
  crashRoom(roomId: string): void;
  /** Inserts an ended session as the newest row (ids follow insertion, whatever `createdAt` says). */
  addPastSession(input: PlugnmeetPastSessionInput): PlugnmeetSession;
  /** Sets (or with null removes) the room's NATS status, to reach the server's inconsistent states. */
  setRoomStatus(roomId: string, status: PlugnmeetRoomStatus | null): void;
  roomStatus(roomId: string): PlugnmeetRoomStatus | null;
  runningSession(roomId: string): PlugnmeetSession | null;
  /** Every running session, in insertion order. */
  runningSessions(): PlugnmeetSession[];
  /** Every session row, in insertion (id) order. */
  sessions(): PlugnmeetSession[];
  /** Removes every row and NATS entry; ids keep counting up. */
  clear(): void;
}

/** An empty store; `random` (seeded by default) drives the sids it generates. */
export function createPlugnmeetStore(options: { random?: () => number } = {}): PlugnmeetStore {
  const ids = createPlugnmeetIdSource(options.random ?? seededRandom(0x504e4d));
  let rows: PlugnmeetSession[] = [];
  const statuses = new Map<string, PlugnmeetRoomStatus>();
  let nextId = 1;

  const insert = (fields: Omit<PlugnmeetSession, 'id'>): PlugnmeetSession => {
    const row = { id: nextId++, ...fields };
    rows.push(row);
    return row;
  };
  const toParticipant = (input: PlugnmeetParticipantInput, fallbackJoinedAt: Date): PlugnmeetParticipant => ({
    sid: input.sid ?? ids.participantSid(),
    identity: input.identity,
    name: input.name ?? input.identity,
    joinedAt: input.joinedAt ?? fallbackJoinedAt,
    isAdmin: input.isAdmin ?? false,
    state: input.state ?? 'ACTIVE',
    hidden: input.hidden ?? false,
    metadata: toUserMetadataJson({ isAdmin: input.isAdmin ?? false, metadataId: ids.uuid() }),
  });
  const runningSession = (roomId: string) => rows.find((row) => row.roomId === roomId && row.endedAt === null) ?? null;

  return {
    startRoom(input) {
      if (runningSession(input.roomId)) throw new Error(`plugNmeet room ${input.roomId} is already running`);
      const createdAt = input.createdAt ?? new Date();
      const roomTitle = input.roomTitle ?? input.roomId;
      const webhookUrl = input.webhookUrl ?? '';
      const participants = (input.participants ?? []).map((participant) => toParticipant(participant, createdAt));
      statuses.set(input.roomId, participants.length > 0 ? 'active' : 'created');
      return insert({
        ...baseRow(input.roomId, roomTitle, input.sid ?? ids.uuid(), webhookUrl, input),
        createdAt,
        endedAt: null,
        joinedParticipants: participants.length,
        analyticsFileId: null,
        metadata: toRoomMetadataJson({
          roomTitle,
          webhookUrl,
          createdAt,
          metadataId: ids.uuid(),
          isRecording: input.isRecording ?? false,
          parentRoomId: input.parentRoomId ?? '',
        }),
        participants,
      });
    },
    addParticipant(roomId, input) {
      const session = runningSession(roomId);
      if (!session) throw new Error(`plugNmeet room ${roomId} is not running`);
      const participant = toParticipant(input, new Date());
      session.participants.push(participant);
      session.joinedParticipants += 1;
      if (statuses.get(roomId) === 'created') statuses.set(roomId, 'active');
      return participant;
    },
    removeParticipant(roomId, participantSid) {
      const session = runningSession(roomId);
      if (!session) return;
      session.participants = session.participants.filter((participant) => participant.sid !== participantSid);
      session.joinedParticipants = Math.max(0, session.joinedParticipants - 1);
    },
    crashRoom: (roomId) => void statuses.delete(roomId),
    endRoom(roomId, endedAt = new Date()) {
      const session = runningSession(roomId);
      const known = session !== null || statuses.has(roomId);
      statuses.delete(roomId);
      if (session) Object.assign(session, { endedAt, participants: [], joinedParticipants: 0 });
      return known;
    },
    addPastSession(input) {
      const roomTitle = input.roomTitle ?? input.roomId;
      return insert({
        ...baseRow(input.roomId, roomTitle, input.sid ?? ids.uuid(), input.webhookUrl ?? '', input),
        createdAt: input.createdAt,
        endedAt: input.endedAt,
        joinedParticipants: input.joinedParticipants ?? 0,
        analyticsFileId: input.analyticsFileId ?? null,
        metadata: '',
        participants: [],
      });
    },
    setRoomStatus: (roomId, status) => void (status ? statuses.set(roomId, status) : statuses.delete(roomId)),
    roomStatus: (roomId) => statuses.get(roomId) ?? null,
    runningSession,
    runningSessions: () => rows.filter((row) => row.endedAt === null),
    sessions: () => [...rows],
    clear() {
      rows = [];
      statuses.clear();
    },
  };
}

function baseRow(roomId: string, roomTitle: string, sid: string, webhookUrl: string, flags: PlugnmeetRoomFlags) {
  const parentRoomId = flags.parentRoomId ?? '';
  const isRecording = flags.isRecording ?? false;
  return { roomId, roomTitle, sid, webhookUrl, isRecording, isActiveRtmp: flags.isActiveRtmp ?? false, isBreakoutRoom: parentRoomId !== '', parentRoomId };
}
