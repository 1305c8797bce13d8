/**
 * The provider-neutral model of the graph. Every provider maps its wire types onto these shapes;
 * nothing here knows about any provider's API.
 */

/** The upstream providers the gateway speaks to, in their stable merge rank. */
export const PROVIDER_NAMES = ['plugnmeet', 'videosdk', 'telnyx'] as const;

export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** How each provider is named in messages (as its makers write it) and described in the graph. */
export const PROVIDER_INFO: Record<ProviderName, { label: string; description: string }> = {
  plugnmeet: { label: 'plugNmeet', description: 'plugNmeet, the self-hosted open-source conferencing server.' },
  videosdk: { label: 'VideoSDK', description: 'VideoSDK (api.videosdk.live).' },
  telnyx: { label: 'Telnyx', description: 'Telnyx Video Rooms (api.telnyx.com).' },
};

/** One stretch of time a participant spent in a room; `leftAt` is null while still connected. */
export interface Presence {
  joinedAt: Date;
  leftAt: Date | null;
}

/** A person in a live room or in an ended session. */
export interface Participant {
  provider: ProviderName;
  /** The provider's id of the room the session belongs to. */
  roomId: string;
  /** The session (plugNmeet sid, VideoSDK session id, Telnyx room session id) the person was in. */
  sessionId: string;
  /** The provider's own participant id, unique within the session. */
  participantId: string;
  /** The provider's user identity, when it has one apart from the participant id. */
  userId: string | null;
  name: string | null;
  /** First join. */
  joinedAt: Date | null;
  /** Last leave; null while connected or when the provider does not say. */
  leftAt: Date | null;
  /** Every join/leave segment in time order (one entry for providers without rejoin data). */
  presences: Presence[];
  /** Telnyx-only data, present on Telnyx participants. */
  telnyx?: TelnyxParticipantExtras;
}

/** What Telnyx keeps about a participant beyond the shared fields. */
export interface TelnyxParticipantExtras {
  /** The free text set through Telnyx's client SDK (often JSON); null when none was set. */
  context: string | null;
}

/** A provider's room: live now or idle. */
export interface Room {
  provider: ProviderName;
  roomId: string;
  title: string;
  isActive: boolean;
  /** When the room (plugNmeet: its current or latest session) was created; null when unknown. */
  createdAt: Date | null;
  /** When the provider last changed the room; null where the provider keeps no such time. */
  updatedAt: Date | null;
  /** The live session's id, when the room is active. */
  activeSessionId: string | null;
  /** The room this one is a breakout room of (plugNmeet only); null for every other room. */
  parentRoomId: string | null;
  /**
   * The live participants when the upstream answer that produced this room carried them; null when
   * they still have to be fetched.
   */
  participants: Participant[] | null;
}

/** One ended session of a room. */
export interface PastRoom {
  provider: ProviderName;
  roomId: string;
  sessionId: string;
  title: string;
  createdAt: Date;
  endedAt: Date | null;
  /** The provider's participant figure for the session; null when it gives none. */
  participantCount: number | null;
  /** The session's participants when the upstream answer embedded them; null otherwise. */
  participants: Participant[] | null;
}
