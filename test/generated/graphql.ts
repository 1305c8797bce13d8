/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, as an ISO 8601 string in UTC, e.g. `2026-11-01T12:00:00.000Z`. Inputs must carry a time zone (`Z` or an offset). */
  DateTime: { input: string; output: string; }
};

/** Who joins which room. */
export type CreateJoinTokenInput = {
  /** Any string the client chooses; the payload echoes it. Not an idempotency key. */
  clientMutationId?: InputMaybe<Scalars['ID']['input']>;
  /** The person the token is for. */
  participant: JoinParticipantInput;
  /** The global id of the Room. */
  room: Scalars['ID']['input'];
  /** The token lifetime (60 to 86400; Telnyx at most 3600); the provider default when left out. plugNmeet refuses it (its server sets the lifetime). */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** The outcome of `createJoinToken`. */
export type CreateJoinTokenPayload = {
  __typename?: 'CreateJoinTokenPayload';
  /** The input's `clientMutationId`, echoed. */
  clientMutationId?: Maybe<Scalars['ID']['output']>;
  /** The token; null when refused. */
  joinToken?: Maybe<JoinToken>;
  /** The room the token opens. */
  room?: Maybe<Room>;
  /** Why no token was issued; empty on success. */
  userErrors: Array<RoomControlError>;
};

/** A room to create. */
export type CreateRoomInput = {
  /** Any string the client chooses; the payload echoes it. Not an idempotency key. */
  clientMutationId?: InputMaybe<Scalars['ID']['input']>;
  /** A repeat with the same key (and the same input) returns the first result without creating again. Kept 24 h, per client. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The most people at once (plugNmeet; Telnyx 2 to 50). VideoSDK takes none and refuses it. */
  maxParticipants?: InputMaybe<Scalars['Int']['input']>;
  /** plugNmeet-only options. */
  plugnmeet?: InputMaybe<PlugnmeetRoomInput>;
  /** The provider to create the room at. */
  provider: Provider;
  /** Telnyx-only options. */
  telnyx?: InputMaybe<TelnyxRoomInput>;
  /** plugNmeet room title, VideoSDK customRoomId, Telnyx unique_name (1 to 128 characters). */
  title: Scalars['String']['input'];
};

/** The outcome of `createRoom`. */
export type CreateRoomPayload = {
  __typename?: 'CreateRoomPayload';
  /** The input's `clientMutationId`, echoed. */
  clientMutationId?: Maybe<Scalars['ID']['output']>;
  /** The new room; null when refused. */
  room?: Maybe<Room>;
  /** Why nothing was created; empty on success. */
  userErrors: Array<RoomControlError>;
};

/** A range of time: `from` is inclusive, `to` exclusive; leave either out for an open end. */
export type DateTimeRange = {
  /** Earliest instant included. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** First instant no longer included. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How an end takes effect. */
export type EndCompletion =
  /** The provider ends the session after answering (plugNmeet: about 10 s, while people are told and disconnected); until then the room still reads as active. */
  | 'ASYNCHRONOUS'
  /** The session is over when the mutation answers (VideoSDK, Telnyx). */
  | 'IMMEDIATE';

/** The room whose live session to end. */
export type EndRoomInput = {
  /** Any string the client chooses; the payload echoes it. Not an idempotency key. */
  clientMutationId?: InputMaybe<Scalars['ID']['input']>;
  /** The global id of the Room. */
  room: Scalars['ID']['input'];
};

/** The outcome of `endRoom`. */
export type EndRoomPayload = {
  __typename?: 'EndRoomPayload';
  /** The input's `clientMutationId`, echoed. */
  clientMutationId?: Maybe<Scalars['ID']['output']>;
  /** How the end takes effect; null when refused. */
  completion?: Maybe<EndCompletion>;
  /** The room, read again after the end. */
  room?: Maybe<Room>;
  /** Why nothing was ended; empty on success. */
  userErrors: Array<RoomControlError>;
};

/** Who the join token is for. */
export type JoinParticipantInput = {
  /** Display name (plugNmeet puts it in the token; VideoSDK and Telnyx clients set it when joining). At most 128 characters. */
  name: Scalars['String']['input'];
  /** GUEST unless given. */
  role?: InputMaybe<JoinRole>;
  /** The application's id of the person. Without the admin scope it must equal your token's `sub`. At most 128 characters. */
  userId: Scalars['String']['input'];
};

/** What a join token lets its holder do. */
export type JoinRole =
  /** Join only. */
  | 'GUEST'
  /** Join and moderate (plugNmeet admin, VideoSDK `allow_mod`). Needs the admin scope. */
  | 'HOST';

/** A token a client SDK joins a room with. plugNmeet: open `joinUrl` (or give `token` to its client). VideoSDK: pass `token` and `meetingId` = `roomId` to the client SDK. Telnyx: pass `token` to the video client SDK and refresh it with `telnyx.refreshToken`. Treat the token as a secret. */
export type JoinToken = {
  __typename?: 'JoinToken';
  /** When the token stops being accepted for joining. */
  expiresAt: Scalars['DateTime']['output'];
  /** plugNmeet: its meeting client's URL with the token; null for the others. */
  joinUrl?: Maybe<Scalars['String']['output']>;
  /** The provider the token is for. */
  provider: Provider;
  /** The provider's id of the room the token opens. */
  roomId: Scalars['String']['output'];
  /** Telnyx-only data; null for other providers. */
  telnyx?: Maybe<TelnyxJoinToken>;
  /** The token itself. */
  token: Scalars['String']['output'];
  /** The identity the token binds its holder to (plugNmeet user id, VideoSDK participantId); null for Telnyx, whose tokens name no one. */
  userId?: Maybe<Scalars['String']['output']>;
};

/** Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control". */
export type Mutation = {
  __typename?: 'Mutation';
  /** Hands out a join token (scope `rooms:join`) for your own identity: `participant.userId` must equal your token's `sub`, and a HOST token needs `rooms:admin`, which also allows tokens for anyone. */
  createJoinToken?: Maybe<CreateJoinTokenPayload>;
  /** Creates a room (scope `rooms:write`). A plugNmeet room is live (running, empty) once created; VideoSDK and Telnyx rooms are idle until someone joins. */
  createRoom?: Maybe<CreateRoomPayload>;
  /** Ends the room's live session for everyone in it (scope `rooms:write`). Never retried: an upstream failure is reported, and the room may or may not have ended. */
  endRoom?: Maybe<EndRoomPayload>;
  /** Disconnects a participant from a live room (scope `rooms:write`; VideoSDK and Telnyx; plugNmeet has no such API and refuses with UNSUPPORTED_BY_PROVIDER). Never retried. */
  removeParticipant?: Maybe<RemoveParticipantPayload>;
};


/** Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control". */
export type MutationCreateJoinTokenArgs = {
  input: CreateJoinTokenInput;
};


/** Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control". */
export type MutationCreateRoomArgs = {
  input: CreateRoomInput;
};


/** Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control". */
export type MutationEndRoomArgs = {
  input: EndRoomInput;
};


/** Room control. Off unless client auth is on (then each mutation needs its scope) or MUTATIONS_WITHOUT_AUTH is set for development; see the README, "Room control". */
export type MutationRemoveParticipantArgs = {
  input: RemoveParticipantInput;
};

/** An object with a global id that `node` and `nodes` resolve. */
export type Node = {
  /** Global id: opaque, stable, resolvable with `node`. */
  id: Scalars['ID']['output'];
};

/** Sort direction. */
export type OrderDirection =
  /** Oldest (smallest) first. */
  | 'ASC'
  /** Newest (largest) first. */
  | 'DESC';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A person in a live room or in an ended session. Bots (plugNmeet recorder and RTMP bots) and hidden users are not participants. */
export type Participant = Node & {
  __typename?: 'Participant';
  /** Global id: opaque, stable, resolvable with `node`. */
  id: Scalars['ID']['output'];
  /** When the participant first joined. */
  joinedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the participant last left; null while connected. VideoSDK stretches left open in a session that has ended end at the session's end. */
  leftAt?: Maybe<Scalars['DateTime']['output']>;
  /** Display name; null when the provider has none. */
  name?: Maybe<Scalars['String']['output']>;
  /** The provider's participant id (plugNmeet: the livekit participant sid; VideoSDK: participantId; Telnyx: the room participant id). */
  participantId: Scalars['String']['output'];
  /** Every join/leave stretch, oldest first. */
  presences: Array<Presence>;
  /** The provider the participant was seen by. */
  provider: Provider;
  /** The room the participant was in; null when the provider no longer knows it. */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session the participant was in. */
  sessionId: Scalars['String']['output'];
  /** Telnyx-only data; null for participants of other providers. */
  telnyx?: Maybe<TelnyxParticipant>;
  /** The user identity the application gave the participant, where the provider keeps one apart from the participant id (plugNmeet: `identity`); null otherwise. */
  userId?: Maybe<Scalars['String']['output']>;
};

/** Someone joined (plugNmeet `participant_joined`, VideoSDK `participant-joined`, Telnyx `video.room.participant.joined`). */
export type ParticipantJoinedEvent = RoomEvent & {
  __typename?: 'ParticipantJoinedEvent';
  /** Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once. */
  eventId: Scalars['ID']['output'];
  /** What happened. */
  kind: RoomEventKind;
  /** When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them. */
  occurredAt: Scalars['DateTime']['output'];
  /** The participant as the provider lists them now; null when it no longer does (plugNmeet forgets who left a live room). */
  participant?: Maybe<Participant>;
  /** The provider's participant id. */
  participantId: Scalars['String']['output'];
  /** Their display name as the webhook gave it (plugNmeet, VideoSDK); null for Telnyx, whose webhook names none. */
  participantName?: Maybe<Scalars['String']['output']>;
  /** The provider that reported it. */
  provider: Provider;
  /** The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …). */
  providerEventType: Scalars['String']['output'];
  /** The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads). */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session it happened in. */
  sessionId: Scalars['String']['output'];
  /** The user identity the application gave them (plugNmeet `identity`); null elsewhere. */
  userId?: Maybe<Scalars['String']['output']>;
};

/** Someone left (plugNmeet `participant_left`, VideoSDK `participant-left`, Telnyx `video.room.participant.left`). */
export type ParticipantLeftEvent = RoomEvent & {
  __typename?: 'ParticipantLeftEvent';
  /** Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once. */
  eventId: Scalars['ID']['output'];
  /** What happened. */
  kind: RoomEventKind;
  /** When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them. */
  occurredAt: Scalars['DateTime']['output'];
  /** The participant as the provider lists them now; null when it no longer does (plugNmeet forgets who left a live room). */
  participant?: Maybe<Participant>;
  /** The provider's participant id. */
  participantId: Scalars['String']['output'];
  /** Their display name as the webhook gave it (plugNmeet, VideoSDK); null for Telnyx, whose webhook names none. */
  participantName?: Maybe<Scalars['String']['output']>;
  /** The provider that reported it. */
  provider: Provider;
  /** The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …). */
  providerEventType: Scalars['String']['output'];
  /** The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads). */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session it happened in. */
  sessionId: Scalars['String']['output'];
  /** The user identity the application gave them (plugNmeet `identity`); null elsewhere. */
  userId?: Maybe<Scalars['String']['output']>;
};

/** One ended session of a room: a plugNmeet past room, a VideoSDK ended session or a Telnyx ended room session. */
export type PastRoom = Node & {
  __typename?: 'PastRoom';
  /** When the session started. */
  createdAt: Scalars['DateTime']['output'];
  /** Whole seconds from start to end; null when the end is unknown. */
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  /** When the session ended; null when the provider never recorded the end (plugNmeet: a session still marked running after its server stopped, which no live room carries on). */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Global id: opaque, stable, resolvable with `node`. */
  id: Scalars['ID']['output'];
  /** How many participants the provider reports for the session: VideoSDK and Telnyx count the session's participants. Null for plugNmeet, which gives no figure for ended sessions (its `joined_participants` is an online gauge, about 0 once a session has ended). */
  participantCount?: Maybe<Scalars['Int']['output']>;
  /** Who took part, with their join/leave times; null for plugNmeet, which keeps no participant list of ended sessions. */
  participants?: Maybe<Array<Participant>>;
  /** The provider that hosted the session. */
  provider: Provider;
  /** The room the session ran in; null when the provider no longer knows it. */
  room?: Maybe<Room>;
  /** The provider's id of the room the session ran in. */
  roomId: Scalars['String']['output'];
  /** The provider's session id (plugNmeet room_sid, VideoSDK session id, Telnyx room session id). */
  sessionId: Scalars['String']['output'];
  /** The room title at the time of the session. */
  title: Scalars['String']['output'];
};

/** A page of ended sessions, in the order asked for. */
export type PastRoomConnection = {
  __typename?: 'PastRoomConnection';
  /** The items of this page, in order. */
  edges: Array<PastRoomEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds, across every page (and every provider it spans). */
  totalCount: Scalars['Int']['output'];
};

/** An ended session and the cursor that points just after it. */
export type PastRoomEdge = {
  __typename?: 'PastRoomEdge';
  /** Pass to `after` (or `before`) to continue from this item. Opaque. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: PastRoom;
};

/** Narrows a list of past rooms. Every filter is applied exactly, by the provider or by the gateway. */
export type PastRoomFilter = {
  /** Only sessions that started in this range. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Only this provider's past rooms. */
  provider?: InputMaybe<Provider>;
  /** Only sessions of these rooms (the providers' own room ids, at most 100). */
  roomIds?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The order of a past-room connection. */
export type PastRoomOrder = {
  /** Which way. */
  direction?: OrderDirection;
  /** What to order by. */
  field?: PastRoomOrderField;
};

/** What past rooms can be ordered by. Ties are broken by provider, then by session id. */
export type PastRoomOrderField =
  /** When the session started. */
  | 'CREATED_AT'
  /** When the session ended. */
  | 'ENDED_AT';

/** plugNmeet-only options of a new room; refused for other providers. */
export type PlugnmeetRoomInput = {
  /** Seconds an empty room stays open (1 to 86400; the server default is 1800). */
  emptyTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** The room id (letters, digits, `-`, `_`; at most 64). Generated when left out. Creating a room id that is running returns the running room. */
  roomId?: InputMaybe<Scalars['String']['input']>;
  /** Shown to people as they join. */
  welcomeMessage?: InputMaybe<Scalars['String']['input']>;
};

/** One stretch of time a participant was connected. Someone who rejoins has several. */
export type Presence = {
  __typename?: 'Presence';
  /** When this stretch began. */
  joinedAt: Scalars['DateTime']['output'];
  /** When it ended; null while still connected. A stretch VideoSDK left open in a session that has ended ends at the session's end. */
  leftAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A video-room provider the gateway reads from. */
export type Provider =
  /** plugNmeet, the self-hosted open-source conferencing server. */
  | 'PLUGNMEET'
  /** Telnyx Video Rooms (api.telnyx.com). */
  | 'TELNYX'
  /** VideoSDK (api.videosdk.live). */
  | 'VIDEOSDK';

/** An enabled provider and what it does natively; the gateway does the rest on its own side, exactly. */
export type ProviderInfo = {
  __typename?: 'ProviderInfo';
  /** Whether `createdAt` ranges are applied exactly by the provider (else narrowed upstream where possible and applied by the gateway). */
  nativeCreatedAtFilter: Scalars['Boolean']['output'];
  /** Orders the provider sorts past rooms in; any other order is made by the gateway from the full list. */
  nativePastRoomOrders: Array<PastRoomOrderField>;
  /** Whether `roomIds` filters are applied by the provider (else by the gateway). */
  nativeRoomIdFilter: Scalars['Boolean']['output'];
  /** Whether ended sessions list their participants (`PastRoom.participants` is null otherwise). */
  pastRoomParticipants: Scalars['Boolean']['output'];
  /** The provider. */
  provider: Provider;
  /** Whether rooms carry `updatedAt` (and so accept `RoomFilter.updatedAt`). */
  roomUpdatedAt: Scalars['Boolean']['output'];
  /** Whether `rooms` derives this provider's rooms from live rooms and past sessions, for want of a room API. */
  roomsFromSessions: Scalars['Boolean']['output'];
};

/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type Query = {
  __typename?: 'Query';
  /** Rooms with a session running now, newest first, across every enabled provider (or one). */
  activeRooms: RoomConnection;
  /** Any object by its global id; null when it no longer exists. */
  node?: Maybe<Node>;
  /** Many objects by global id (at most 100, each at most 256 characters), in the order given; batched per provider. A bad id fails only its own entry. */
  nodes: Array<Maybe<Node>>;
  /** Ended sessions of every enabled provider (or the filtered ones), merged in one exactly ordered list. */
  pastRooms: PastRoomConnection;
  /** The providers enabled on this gateway, with what each does natively. */
  providers: Array<ProviderInfo>;
  /** A room by its provider and the provider's room id. Null, with a NOT_FOUND error, when the provider does not know the room. */
  room?: Maybe<Room>;
  /** Rooms of every enabled provider (or the filtered one), live or idle, in one exactly ordered list. plugNmeet has no room API: its rooms are the live ones plus those its past sessions name. */
  rooms: RoomConnection;
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryActiveRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  provider?: InputMaybe<Provider>;
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryPastRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PastRoomFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PastRoomOrder>;
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryRoomArgs = {
  provider: Provider;
  roomId: Scalars['String']['input'];
};


/** The entry points of the graph. Objects are also reachable by id through `node` and `nodes`. */
export type QueryRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RoomFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RoomOrder>;
};

/** The participant to remove. */
export type RemoveParticipantInput = {
  /** Any string the client chooses; the payload echoes it. Not an idempotency key. */
  clientMutationId?: InputMaybe<Scalars['ID']['input']>;
  /** The global id of a live Participant. */
  participant: Scalars['ID']['input'];
};

/** The outcome of `removeParticipant`. */
export type RemoveParticipantPayload = {
  __typename?: 'RemoveParticipantPayload';
  /** The input's `clientMutationId`, echoed. */
  clientMutationId?: Maybe<Scalars['ID']['output']>;
  /** The global id of the removed participant; null when refused. */
  removedParticipantId?: Maybe<Scalars['ID']['output']>;
  /** The room, read again after the removal. */
  room?: Maybe<Room>;
  /** Why nobody was removed; empty on success. */
  userErrors: Array<RoomControlError>;
};

/** A provider's video room, live now or idle. A plugNmeet breakout room is a room of its own (its own sessions and people), linked to its parent by `parentRoom`; listings include breakout rooms, so totals count them. */
export type Room = Node & {
  __typename?: 'Room';
  /** The provider's id of the running session; null when the room is idle. Where VideoSDK lists several ongoing sessions for a room (a stale one whose end was lost), the one that started last. */
  activeSessionId?: Maybe<Scalars['String']['output']>;
  /** When the room was created. plugNmeet creates a room per session, so it gives the start of the current (or latest) session. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Global id: opaque, stable, resolvable with `node`. */
  id: Scalars['ID']['output'];
  /** Whether a session is running in the room now. */
  isActive: Scalars['Boolean']['output'];
  /** The room this one is a breakout room of. Set only for plugNmeet breakout rooms, and only while they are live (plugNmeet names the parent in its live-room answers only); null for every other room. */
  parentRoom?: Maybe<Room>;
  /** Who is in the room now; empty when it is idle. plugNmeet: the people the server lists as joining, joined or active; its recorder and RTMP bots (`RECORDER_BOT`, `RTMP_BOT`) and hidden users are not participants. */
  participants: Array<Participant>;
  /** This room's ended sessions. The filter narrows them further; a filter naming another provider or room matches nothing. */
  pastRooms: PastRoomConnection;
  /** The provider that hosts the room. */
  provider: Provider;
  /** The provider's own room id (plugNmeet room_id, VideoSDK roomId, Telnyx room id). */
  roomId: Scalars['String']['output'];
  /** Human name of the room (plugNmeet: room title; VideoSDK: customRoomId, else roomId; Telnyx: unique_name). */
  title: Scalars['String']['output'];
  /** When the provider last changed the room (VideoSDK, Telnyx); null for plugNmeet, which keeps no such time. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};


/** A provider's video room, live now or idle. A plugNmeet breakout room is a room of its own (its own sessions and people), linked to its parent by `parentRoom`; listings include breakout rooms, so totals count them. */
export type RoomPastRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PastRoomFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PastRoomOrder>;
};

/** A page of rooms. */
export type RoomConnection = {
  __typename?: 'RoomConnection';
  /** The items of this page, in order. */
  edges: Array<RoomEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** How many items the whole list holds, across every page (and every provider it spans). */
  totalCount: Scalars['Int']['output'];
};

/** Why a room-control mutation changed nothing: the provider cannot do it (UNSUPPORTED_BY_PROVIDER), the room or person is not there or not live (ROOM_NOT_FOUND, ROOM_NOT_ACTIVE, PARTICIPANT_NOT_FOUND), the name is taken (ROOM_ALREADY_EXISTS), or the input is wrong (INVALID_INPUT, INVALID_ID, IDEMPOTENCY_KEY_REUSED). Authorisation and upstream failures are GraphQL errors instead, with `extensions.code`. */
export type RoomControlError = {
  __typename?: 'RoomControlError';
  /** Stable code (see the type description). */
  code: Scalars['String']['output'];
  /** The path of the input field at fault (e.g. `["input", "title"]`); null when no single field is. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** A room and the cursor that points just after it. */
export type RoomEdge = {
  __typename?: 'RoomEdge';
  /** Pass to `after` (or `before`) to continue from this item. Opaque. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Room;
};

/** A session ended (plugNmeet `room_finished`, VideoSDK `session-ended`, Telnyx `video.room.session.ended`). */
export type RoomEndedEvent = RoomEvent & {
  __typename?: 'RoomEndedEvent';
  /** Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once. */
  eventId: Scalars['ID']['output'];
  /** What happened. */
  kind: RoomEventKind;
  /** When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them. */
  occurredAt: Scalars['DateTime']['output'];
  /** The past room the session became (null if the provider does not list it yet). */
  pastRoom?: Maybe<PastRoom>;
  /** The provider that reported it. */
  provider: Provider;
  /** The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …). */
  providerEventType: Scalars['String']['output'];
  /** The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads). */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session it happened in. */
  sessionId: Scalars['String']['output'];
};

/** Something that happened in a provider's room, as its webhook reported it. Select the member types' fields with `... on RoomEndedEvent { pastRoom { … } }` and the like. */
export type RoomEvent = {
  /** Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once. */
  eventId: Scalars['ID']['output'];
  /** What happened. */
  kind: RoomEventKind;
  /** When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them. */
  occurredAt: Scalars['DateTime']['output'];
  /** The provider that reported it. */
  provider: Provider;
  /** The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …). */
  providerEventType: Scalars['String']['output'];
  /** The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads). */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session it happened in. */
  sessionId: Scalars['String']['output'];
};

/** Which live events to receive; every part left out matches everything. */
export type RoomEventFilter = {
  /** Only these kinds of event. */
  kinds?: InputMaybe<Array<RoomEventKind>>;
  /** Only this provider's events. */
  provider?: InputMaybe<Provider>;
  /** Only these rooms' events (the provider's room ids; at most 100). */
  roomIds?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What happened to a room. */
export type RoomEventKind =
  /** Someone joined the session. */
  | 'PARTICIPANT_JOINED'
  /** Someone left the session. */
  | 'PARTICIPANT_LEFT'
  /** The session ended; it is now a past room. */
  | 'ROOM_ENDED'
  /** A session started in the room. */
  | 'ROOM_STARTED';

/** Narrows a list of rooms. Every filter is applied exactly, by the provider or by the gateway. */
export type RoomFilter = {
  /** Only rooms created in this range. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Only the room whose title is exactly this (plugNmeet title, VideoSDK customRoomId or roomId, Telnyx unique_name). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Only this provider's rooms. */
  provider?: InputMaybe<Provider>;
  /** Only rooms last updated in this range. plugNmeet keeps no update time: combine with `provider: VIDEOSDK` or `TELNYX` when plugNmeet is enabled. */
  updatedAt?: InputMaybe<DateTimeRange>;
};

/** The order of a room connection. */
export type RoomOrder = {
  /** Which way. */
  direction?: OrderDirection;
  /** What to order by. */
  field?: RoomOrderField;
};

/** What rooms can be ordered by. Ties are broken by provider, then by room id. */
export type RoomOrderField =
  /** When the room was created (rooms with no creation time count as oldest). */
  | 'CREATED_AT'
  /** The room title, by Unicode code points. */
  | 'TITLE';

/** A session started in a room (plugNmeet `room_started`, VideoSDK `session-started`, Telnyx `video.room.session.started`). */
export type RoomStartedEvent = RoomEvent & {
  __typename?: 'RoomStartedEvent';
  /** Unique per event (`<provider>:<the provider's event id>`); a provider's retry of the same event is delivered once. */
  eventId: Scalars['ID']['output'];
  /** What happened. */
  kind: RoomEventKind;
  /** When it happened, by the provider's event time; VideoSDK participant events carry none, so theirs is when the gateway received them. */
  occurredAt: Scalars['DateTime']['output'];
  /** The provider that reported it. */
  provider: Provider;
  /** The provider's own event name (plugNmeet `participant_joined`, VideoSDK `session-ended`, Telnyx `video.room.session.started`, …). */
  providerEventType: Scalars['String']['output'];
  /** The room as it is now, read after the event (null if the provider no longer knows it or is not enabled for reads). */
  room?: Maybe<Room>;
  /** The provider's id of the room. */
  roomId: Scalars['String']['output'];
  /** The provider's id of the session it happened in. */
  sessionId: Scalars['String']['output'];
};

/** Live events, over Server-Sent Events (`POST /graphql` with `Accept: text/event-stream`) or WebSocket (`graphql-transport-ws` on `/graphql`). Served by this service directly, not through a federation router that cannot forward subscriptions. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every room event the providers report from now on (their webhooks), in the order this gateway hears them; the events of one room session arrive in the order the provider sent them. A subscriber more than SUBSCRIPTION_BUFFER_EVENTS (256) events behind is ended with SUBSCRIPTION_OVERFLOW: refetch, then subscribe again. */
  roomEvents: RoomEvent;
};


/** Live events, over Server-Sent Events (`POST /graphql` with `Accept: text/event-stream`) or WebSocket (`graphql-transport-ws` on `/graphql`). Served by this service directly, not through a federation router that cannot forward subscriptions. */
export type SubscriptionRoomEventsArgs = {
  filter?: InputMaybe<RoomEventFilter>;
};

/** Telnyx's refresh token, handed out beside every client token. */
export type TelnyxJoinToken = {
  __typename?: 'TelnyxJoinToken';
  /** Exchanges for a new client token (Telnyx `refresh_client_token`) until it expires. */
  refreshToken: Scalars['String']['output'];
  /** When the refresh token expires. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
};

/** What Telnyx keeps about a room participant beyond the shared fields. */
export type TelnyxParticipant = {
  __typename?: 'TelnyxParticipant';
  /** The free text the application passed through Telnyx's client SDK when the participant joined (often JSON); null when none was set. */
  context?: Maybe<Scalars['String']['output']>;
};

/** Telnyx-only options of a new room; refused for other providers. */
export type TelnyxRoomInput = {
  /** Record the room’s sessions. */
  enableRecording?: InputMaybe<Scalars['Boolean']['input']>;
};

export type SingleRoomQueryVariables = Exact<{
  provider: Provider;
  roomId: Scalars['String']['input'];
}>;


export type SingleRoomQuery = { __typename?: 'Query', room?: { __typename?: 'Room', id: string, title: string, isActive: boolean, participants: Array<{ __typename?: 'Participant', id: string, name?: string | null, presences: Array<{ __typename?: 'Presence', joinedAt: string, leftAt?: string | null }> }> } | null };

export type FiftyPastRoomsAcrossProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type FiftyPastRoomsAcrossProvidersQuery = { __typename?: 'Query', pastRooms: { __typename?: 'PastRoomConnection', totalCount: number, edges: Array<{ __typename?: 'PastRoomEdge', node: { __typename?: 'PastRoom', id: string, provider: Provider, title: string, createdAt: string, endedAt?: string | null, participantCount?: number | null, room?: { __typename?: 'Room', title: string, isActive: boolean } | null } }> } };

export type RoomsTwoLevelsDeepQueryVariables = Exact<{ [key: string]: never; }>;


export type RoomsTwoLevelsDeepQuery = { __typename?: 'Query', activeRooms: { __typename?: 'RoomConnection', edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', id: string, title: string, participants: Array<{ __typename?: 'Participant', id: string, name?: string | null }>, pastRooms: { __typename?: 'PastRoomConnection', totalCount: number, edges: Array<{ __typename?: 'PastRoomEdge', node: { __typename?: 'PastRoom', id: string, endedAt?: string | null, participants?: Array<{ __typename?: 'Participant', id: string, name?: string | null, joinedAt?: string | null, leftAt?: string | null }> | null } }> } } }> } };

export type FiftyMixedNodesQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type FiftyMixedNodesQuery = { __typename?: 'Query', nodes: Array<{ __typename: 'Participant', name?: string | null, id: string } | { __typename: 'PastRoom', title: string, participantCount?: number | null, id: string } | { __typename: 'Room', title: string, isActive: boolean, id: string } | null> };

export type PastRoomsPageQueryVariables = Exact<{
  filter?: InputMaybe<PastRoomFilter>;
  orderBy?: InputMaybe<PastRoomOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
}>;


export type PastRoomsPageQuery = { __typename?: 'Query', pastRooms: { __typename?: 'PastRoomConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'PastRoomEdge', cursor: string, node: { __typename?: 'PastRoom', id: string, provider: Provider, roomId: string, sessionId: string, title: string, createdAt: string, endedAt?: string | null, participantCount?: number | null } }> } };

export type RoomListQueryVariables = Exact<{
  filter?: InputMaybe<RoomFilter>;
  orderBy?: InputMaybe<RoomOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
}>;


export type RoomListQuery = { __typename?: 'Query', rooms: { __typename?: 'RoomConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', id: string, provider: Provider, roomId: string, title: string, isActive: boolean, createdAt?: string | null, updatedAt?: string | null } }> } };

export type RoomByProviderIdQueryVariables = Exact<{
  provider: Provider;
  roomId: Scalars['String']['input'];
}>;


export type RoomByProviderIdQuery = { __typename?: 'Query', room?: { __typename?: 'Room', id: string, provider: Provider, roomId: string, title: string, isActive: boolean, createdAt?: string | null, activeSessionId?: string | null, participants: Array<{ __typename?: 'Participant', id: string, name?: string | null, userId?: string | null, joinedAt?: string | null, presences: Array<{ __typename?: 'Presence', joinedAt: string, leftAt?: string | null }> }> } | null };

export type ActiveRoomsWithPastRoomsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  pastRoomsFirst?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ActiveRoomsWithPastRoomsQuery = { __typename?: 'Query', activeRooms: { __typename?: 'RoomConnection', totalCount: number, edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', id: string, provider: Provider, roomId: string, title: string, participants: Array<{ __typename?: 'Participant', id: string, name?: string | null }>, pastRooms: { __typename?: 'PastRoomConnection', totalCount: number, edges: Array<{ __typename?: 'PastRoomEdge', node: { __typename?: 'PastRoom', id: string, sessionId: string, createdAt: string } }> } } }> } };

export type NodesByIdQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type NodesByIdQuery = { __typename?: 'Query', nodes: Array<{ __typename: 'Participant', participantId: string, name?: string | null, id: string } | { __typename: 'PastRoom', sessionId: string, title: string, id: string } | { __typename: 'Room', roomId: string, title: string, id: string } | null> };


export const SingleRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SingleRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roomId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"room"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"roomId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roomId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"presences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leftAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SingleRoomQuery, SingleRoomQueryVariables>;
export const FiftyPastRoomsAcrossProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FiftyPastRoomsAcrossProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pastRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"participantCount"}},{"kind":"Field","name":{"kind":"Name","value":"room"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FiftyPastRoomsAcrossProvidersQuery, FiftyPastRoomsAcrossProvidersQueryVariables>;
export const RoomsTwoLevelsDeepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoomsTwoLevelsDeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pastRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leftAt"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoomsTwoLevelsDeepQuery, RoomsTwoLevelsDeepQueryVariables>;
export const FiftyMixedNodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FiftyMixedNodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Room"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PastRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participantCount"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Participant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<FiftyMixedNodesQuery, FiftyMixedNodesQueryVariables>;
export const PastRoomsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PastRoomsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PastRoomFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PastRoomOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pastRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"participantCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PastRoomsPageQuery, PastRoomsPageQueryVariables>;
export const RoomListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoomList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RoomFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RoomOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoomListQuery, RoomListQueryVariables>;
export const RoomByProviderIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoomByProviderId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roomId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"room"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"roomId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roomId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"presences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leftAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoomByProviderIdQuery, RoomByProviderIdQueryVariables>;
export const ActiveRoomsWithPastRoomsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActiveRoomsWithPastRooms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pastRoomsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pastRooms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pastRoomsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ActiveRoomsWithPastRoomsQuery, ActiveRoomsWithPastRoomsQueryVariables>;
export const NodesByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Room"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PastRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Participant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodesByIdQuery, NodesByIdQueryVariables>;