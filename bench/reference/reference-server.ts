/**
 * The benchmark's floor: a stock graphql-yoga server (default options, no plugins) with
 * hand-written resolvers for S1–S3 over the same simulators, making the same upstream calls.
 * What roomgraph costs beyond it is roomgraph's own: schema builder, plugins, loaders, mapping, logs.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { plugnmeet, telnyx, telnyxAll, videosdkAll } from './reference-upstreams.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface PastRoom {
  provider: 'PLUGNMEET' | 'VIDEOSDK' | 'TELNYX';
  roomId: string;
  sessionId: string;
  title: string;
  createdAt: Date;
  endedAt: Date | null;
  participants: () => Json[] | null;
}

const typeDefs = /* GraphQL */ `
  enum Provider { PLUGNMEET VIDEOSDK TELNYX }
  type Participant { id: ID! name: String joinedAt: String leftAt: String }
  type Room { id: ID! title: String! isActive: Boolean! participants: [Participant!]! }
  type PastRoom { id: ID! provider: Provider! roomId: String! sessionId: String! title: String! createdAt: String! endedAt: String participants: [Participant!] }
  type PastRoomEdge { cursor: String! node: PastRoom! }
  type PastRoomConnection { totalCount: Int! edges: [PastRoomEdge!]! }
  type Query { room(provider: Provider!, roomId: String!): Room pastRooms(first: Int!): PastRoomConnection! }
`;

const RANK = { PLUGNMEET: 0, VIDEOSDK: 1, TELNYX: 2 };
const BOTS = new Set(['RECORDER_BOT', 'RTMP_BOT']);
const iso = (value: string | null | undefined) => (value ? new Date(value) : null);
const fromSeconds = (value: string) => new Date(Number(value) * 1000);
const globalId = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');

async function room(roomId: string) {
  const live = ((await plugnmeet('/room/getActiveRoomsInfo', {})).rooms ?? []) as Json[];
  const found = live.find((entry) => entry.room_info.room_id === roomId);
  if (!found) return null;
  const people = (found.participants_info as Json[]).filter((person) => !BOTS.has(person.identity) && !person.permission?.hidden);
  return {
    id: globalId('Room', `plugnmeet:${roomId}`),
    title: found.room_info.room_title,
    isActive: true,
    participants: people.map((person) => ({ id: globalId('Participant', person.sid), name: person.name, joinedAt: fromSeconds(person.joined_at).toISOString(), leftAt: null })),
  };
}

async function plugnmeetPast(first: number): Promise<{ items: PastRoom[]; total: number }> {
  const [active, page] = await Promise.all([plugnmeet('/room/getActiveRoomsInfo', {}), plugnmeet('/room/fetchPastRooms', { room_ids: [], from: 0, limit: first + 5, order_by: 'DESC' })]);
  const liveSids = new Set(((active.rooms ?? []) as Json[]).map((entry) => entry.room_info.sid));
  const rows = (page.result.rooms_list as Json[]).filter((row) => !liveSids.has(row.room_sid));
  const items = rows.map((row): PastRoom => ({
    provider: 'PLUGNMEET', roomId: row.room_id, sessionId: row.room_sid, title: row.room_title,
    createdAt: new Date(row.created), endedAt: row.ended.startsWith('0001') ? null : new Date(row.ended), participants: () => null,
  }));
  return { items, total: Number(page.result.total_rooms) - liveSids.size };
}

async function videosdkPast(): Promise<{ items: PastRoom[]; total: number }> {
  const sessions = await videosdkAll('/v2/sessions', 'status=ended');
  const items = sessions.map((session): PastRoom => ({
    provider: 'VIDEOSDK', roomId: session.roomId, sessionId: session.id, title: session.customRoomId ?? session.roomId,
    createdAt: new Date(session.start), endedAt: iso(session.end),
    participants: () => (session.participants as Json[]).map((person) => ({
      id: globalId('Participant', `${session.id}:${person.participantId}`), name: person.name,
      joinedAt: person.timelog[0]?.start ?? null, leftAt: person.timelog.at(-1)?.end ?? session.end,
    })),
  }));
  return { items, total: items.length };
}

function telnyxName(context: string): string {
  if (!context.startsWith('{')) return context;
  try {
    return (JSON.parse(context) as { name?: string }).name ?? context;
  } catch {
    return context;
  }
}

async function telnyxPast(): Promise<{ items: PastRoom[]; total: number }> {
  const [sessions, rooms] = await Promise.all([telnyxAll('/room_sessions', 'filter%5Bactive%5D=false&include_participants=true'), telnyx('/rooms?page%5Bsize%5D=250')]);
  const names = new Map((rooms.data as Json[]).map((entry) => [entry.id, entry.unique_name]));
  const items = sessions.map((session): PastRoom => ({
    provider: 'TELNYX', roomId: session.room_id, sessionId: session.id, title: names.get(session.room_id) ?? session.room_id,
    createdAt: new Date(session.created_at), endedAt: iso(session.ended_at),
    participants: () => (session.participants as Json[]).map((person) => ({
      id: globalId('Participant', person.id), name: telnyxName(person.context), joinedAt: person.joined_at, leftAt: person.left_at ?? null,
    })),
  }));
  return { items, total: items.length };
}

/** Newest first; ties by provider rank, then by session id, newest-first like the time (roomgraph's order). */
function byCreatedDesc(a: PastRoom, b: PastRoom): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || RANK[a.provider] - RANK[b.provider] || (a.sessionId < b.sessionId ? 1 : -1);
}

async function pastRooms(first: number) {
  const reads = await Promise.all([plugnmeetPast(first), videosdkPast(), telnyxPast()]);
  const merged = reads.flatMap((read) => read.items).sort(byCreatedDesc).slice(0, first);
  return {
    totalCount: reads.reduce((sum, read) => sum + read.total, 0),
    edges: merged.map((pastRoom, index) => ({ cursor: Buffer.from(String(index)).toString('base64'), node: pastRoom })),
  };
}

const resolvers = {
  Query: {
    room: (_root: unknown, args: { provider: string; roomId: string }) => (args.provider === 'PLUGNMEET' ? room(args.roomId) : null),
    pastRooms: (_root: unknown, args: { first: number }) => pastRooms(Math.min(args.first, 100)),
  },
  PastRoom: {
    id: (pastRoom: PastRoom) => globalId('PastRoom', `${pastRoom.provider}:${pastRoom.roomId}:${pastRoom.sessionId}`),
    createdAt: (pastRoom: PastRoom) => pastRoom.createdAt.toISOString(),
    endedAt: (pastRoom: PastRoom) => pastRoom.endedAt?.toISOString() ?? null,
    participants: (pastRoom: PastRoom) => pastRoom.participants(),
  },
};

const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }) });
createServer(yoga).listen(Number(process.env.PORT), '127.0.0.1');
// An orderly exit on SIGTERM, as roomgraph's: `node --cpu-prof` (`bench:profile --contender reference`) writes its profile then.
process.once('SIGTERM', () => process.exit(0));
