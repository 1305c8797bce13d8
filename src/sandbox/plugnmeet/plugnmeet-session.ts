/** The rows the simulated server keeps: session rows of its room-info table, their participants, NATS status. */

/** A room's status in plugNmeet's NATS store (reference §3.4); absent once the room is cleaned up. */
export type PlugnmeetRoomStatus = 'created' | 'active' | 'triggered_end' | 'ended';

/** LiveKit's `ParticipantInfo.State` (reference §3.2); the server lists every one but DISCONNECTED. */
export type PlugnmeetParticipantState = 'JOINING' | 'JOINED' | 'ACTIVE';

/** A LiveKit participant of a running session (a person, a hidden user, or a recorder/RTMP bot). */
export interface PlugnmeetParticipant {
  sid: string;
  identity: string;
  name: string;
  joinedAt: Date;
  isAdmin: boolean;
  state: PlugnmeetParticipantState;
  /** LiveKit `permission.hidden`: hidden users (and bots) are not shown to the others. */
  hidden: boolean;
  /** plugNmeet's UserMetadata JSON. */
  metadata: string;
}

/** One row of the server's room-info table: a session of a room, running while `endedAt` is null. */
export interface PlugnmeetSession {
  /** The auto-increment primary key; fetchPastRooms orders by it. */
  readonly id: number;
  roomId: string;
  roomTitle: string;
  sid: string;
  webhookUrl: string;
  createdAt: Date;
  endedAt: Date | null;
  /** The server's online gauge, not a cumulative count (reference §3.1). */
  joinedParticipants: number;
  analyticsFileId: string | null;
  isRecording: boolean;
  isActiveRtmp: boolean;
  isBreakoutRoom: boolean;
  parentRoomId: string;
  /** RoomMetadata JSON. */
  metadata: string;
  participants: PlugnmeetParticipant[];
}

/** A participant to add; sid (`PA_…`), name (= identity) and joinedAt (= the session start) are filled in. */
export interface PlugnmeetParticipantInput {
  identity: string;
  name?: string;
  sid?: string;
  joinedAt?: Date;
  isAdmin?: boolean;
  /** Defaults to ACTIVE. */
  state?: PlugnmeetParticipantState;
  hidden?: boolean;
}

/** How a room's row is flagged: recording, streaming, or a breakout room of `parentRoomId`. */
export interface PlugnmeetRoomFlags {
  isRecording?: boolean;
  isActiveRtmp?: boolean;
  /** A breakout room's parent room id (the breakout room's id is `<parent>-<id>`). */
  parentRoomId?: string;
}

/** A session to start; the sid and the RoomMetadata are generated. */
export interface PlugnmeetStartRoomInput extends PlugnmeetRoomFlags {
  roomId: string;
  /** Defaults to the room id. */
  roomTitle?: string;
  /** Defaults to now. */
  createdAt?: Date;
  sid?: string;
  webhookUrl?: string;
  participants?: PlugnmeetParticipantInput[];
}

/** An ended session to insert as is; the sid is generated when not given. */
export interface PlugnmeetPastSessionInput extends PlugnmeetRoomFlags {
  roomId: string;
  roomTitle?: string;
  createdAt: Date;
  endedAt: Date;
  sid?: string;
  webhookUrl?: string;
  joinedParticipants?: number;
  analyticsFileId?: string | null;
}
