import { createHash } from 'node:crypto';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client as UrqlClient, subscriptionExchange } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineStep } from '../../src/sandbox/live-timeline.js';
import { serveLiveGateway, type LiveServedGateway } from '../support/serve-live-gateway.js';
import { subscribeSse, type SseSubscription } from '../support/sse-subscription.js';

// The sandbox's live timeline changes the simulators and sends their signed webhooks to a real
// gateway; Apollo Client (GraphQLWsLink), urql (graphql-ws) and a plain SSE reader are subscribed
// over real sockets and must each get every event, in order, with the linked objects resolved.

const LIVE = `
  subscription Live {
    roomEvents {
      __typename eventId kind provider roomId sessionId occurredAt providerEventType
      room { id title isActive participants { participantId name } }
      ... on ParticipantJoinedEvent { participantId participantName participant { id participantId name leftAt } }
      ... on ParticipantLeftEvent { participantId participantName }
      ... on RoomEndedEvent { pastRoom { id sessionId endedAt } }
    }
  }
`;

type Received = {
  __typename: string;
  eventId: string;
  kind: string;
  provider: string;
  roomId: string;
  sessionId: string;
  room: { title: string; isActive: boolean; participants: { participantId: string; name: string | null }[] } | null;
  participantId?: string;
  participantName?: string | null;
  participant?: { participantId: string; name: string | null; leftAt: string | null } | null;
  pastRoom?: { sessionId: string; endedAt: string | null } | null;
};

/** The gateway event ids a step's payloads become (plugNmeet `session_ended` is not a graph event). */
function expectedIds(step: TimelineStep): string[] {
  return step.payloads.flatMap((payload) => {
    const record = payload as Record<string, unknown>;
    if (step.provider === 'plugnmeet') return record.event === 'session_ended' ? [] : [`plugnmeet:${String(record.id)}`];
    if (step.provider === 'telnyx') return [`telnyx:${String(record.id)}`];
    return [`videosdk:${createHash('sha256').update(JSON.stringify(payload)).digest('hex')}`];
  });
}

let served: LiveServedGateway;
let wsClients: WsClient[] = [];
let apollo: ApolloClient;
let sse: SseSubscription;
const received: Record<'apollo' | 'urql' | 'sse', Received[]> = { apollo: [], urql: [], sse: [] };
const stops: (() => void)[] = [];

const newWsClient = () => {
  const client = createClient({ url: served.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  wsClients.push(client);
  return client;
};

beforeAll(async () => {
  served = await serveLiveGateway();
  apollo = new ApolloClient({ link: new GraphQLWsLink(newWsClient()), cache: new InMemoryCache() });
  const apolloSubscription = apollo.subscribe<{ roomEvents: Received }>({ query: gql(LIVE), fetchPolicy: 'no-cache' }).subscribe({
    next: (result) => void (result.data && received.apollo.push(result.data.roomEvents)),
  });
  stops.push(() => apolloSubscription.unsubscribe());

  const urqlWs = newWsClient();
  const urql = new UrqlClient({
    url: served.url,
    exchanges: [
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: urqlWs.subscribe({ ...request, query: request.query ?? '' }, sink as never) }),
        }),
      }),
    ],
  });
  const urqlSubscription = urql.subscription<{ roomEvents: Received }>(LIVE, {}).subscribe((result) => {
    if (result.data) received.urql.push(result.data.roomEvents);
  });
  stops.push(() => urqlSubscription.unsubscribe());

  sse = await subscribeSse(fetch, served.url, LIVE);
  void (async () => {
    for await (const result of sse.results) if (result.data) received.sse.push(result.data.roomEvents as Received);
  })();
  for (let tries = 0; tries < 300 && served.gateway.live.subscriptions.subscriberCount() < 3; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(async () => {
  for (const stop of stops) stop();
  sse?.close();
  await Promise.all(wsClients.map((client) => client.dispose()));
  await served?.close();
});

async function untilAllReceived(count: number): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (Object.values(received).every((events) => events.length >= count)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('live room events over real transports', () => {
  it('subscribes three clients (Apollo over graphql-ws, urql over graphql-ws, SSE)', () => {
    expect(served.gateway.live.subscriptions.subscriberCount()).toBe(3);
  });

  it('delivers the timeline’s start, join, leave and end events to every client, in order, with linked objects resolved', async () => {
    const expected: string[] = [];
    const steps: TimelineStep[] = [];
    const actions = new Set<string>();
    // Run the seeded timeline until every kind of change happened (bounded), letting each step's events land first.
    for (let index = 0; index < 60 && (actions.size < 4 || index < 12); index += 1) {
      const step = await served.timeline.step();
      steps.push(step);
      actions.add(step.action);
      expected.push(...expectedIds(step));
      await untilAllReceived(expected.length);
    }
    expect([...actions].sort()).toEqual(['end', 'join', 'leave', 'start']);
    for (const client of ['apollo', 'urql', 'sse'] as const) expect(received[client].map((event) => event.eventId), client).toEqual(expected);
    // Apollo adds `__typename` to nested selections; apart from that the three streams are the same.
    const plain = (events: Received[]) => JSON.parse(JSON.stringify(events, (key, value: unknown) => (key === '__typename' ? undefined : value)));
    expect(plain(received.urql)).toEqual(plain(received.apollo));
    expect(plain(received.sse)).toEqual(plain(received.apollo));

    const kinds = new Set(received.apollo.map((event) => event.kind));
    expect([...kinds].sort()).toEqual(['PARTICIPANT_JOINED', 'PARTICIPANT_LEFT', 'ROOM_ENDED', 'ROOM_STARTED']);
    for (const event of received.apollo) {
      expect(event.room, event.eventId).not.toBeNull();
      if (event.kind === 'ROOM_STARTED') expect(event.room!.isActive).toBe(true);
      if (event.kind === 'ROOM_ENDED') {
        expect(event.room!.isActive).toBe(false);
        expect(event.pastRoom).toMatchObject({ sessionId: event.sessionId });
        expect(event.pastRoom!.endedAt).not.toBeNull();
      }
      if (event.kind === 'PARTICIPANT_JOINED') {
        // Each step's events are read before the next step: the joiner is in the room.
        expect(event.participant).toMatchObject({ participantId: event.participantId, leftAt: null });
        expect(event.room!.participants.map((person) => person.participantId)).toContain(event.participantId);
        if (event.provider !== 'TELNYX') expect(event.participant!.name).toBe(event.participantName);
      }
      if (event.kind === 'PARTICIPANT_LEFT') expect(event.room!.participants.map((person) => person.participantId)).not.toContain(event.participantId);
    }
  });

  it('shows the simulators’ REST answers changed consistently with the events', async () => {
    const response = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ activeRooms(first: 100) { edges { node { provider roomId participants { participantId } } } } }' }),
    });
    const { data } = (await response.json()) as { data: { activeRooms: { edges: { node: { provider: string; roomId: string; participants: { participantId: string }[] } }[] } } };
    const live = new Map(data.activeRooms.edges.map(({ node }) => [`${node.provider}/${node.roomId}`, node.participants.map((person) => person.participantId)]));
    // Replay the events: a room that last ended is not live; the last joiner of a live room who did not leave is in it.
    const state = new Map<string, { ended: boolean; present: Set<string> }>();
    for (const event of received.apollo) {
      const key = `${event.provider}/${event.roomId}`;
      const room = state.get(key) ?? { ended: false, present: new Set<string>() };
      if (event.kind === 'ROOM_STARTED') room.ended = false;
      if (event.kind === 'ROOM_ENDED') room.ended = true;
      if (event.kind === 'PARTICIPANT_JOINED') room.present.add(event.participantId!);
      if (event.kind === 'PARTICIPANT_LEFT') room.present.delete(event.participantId!);
      state.set(key, room);
    }
    for (const [key, room] of state) {
      if (room.ended) expect(live.has(key), key).toBe(false);
      else for (const participantId of room.present) expect(live.get(key), key).toContain(participantId);
    }
  });

  it('forgets every subscriber once the clients go away', async () => {
    for (const stop of stops.splice(0)) stop();
    sse.close();
    await Promise.all(wsClients.map((client) => client.dispose()));
    wsClients = [];
    for (let tries = 0; tries < 300 && served.gateway.live.subscriptions.subscriberCount() > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(served.gateway.live.subscriptions.subscriberCount()).toBe(0);
  });
});
