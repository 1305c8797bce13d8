import { AuthenticationError, RoomNotFoundError, VideoSDK, type Participant, type Session } from '@videosdk.live/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIDEOSDK_DEMO_PAST_SESSIONS } from '../../src/sandbox/videosdk/videosdk-seed.js';
import { startVideosdkSimulator, type VideosdkSimulator } from '../../src/sandbox/videosdk/videosdk-simulator.js';

/**
 * The official server SDK (`@videosdk.live/server-sdk`) against the simulator: if VideoSDK's own
 * client reads the simulator's answers, the simulator speaks the upstream's dialect.
 */

let sim: VideosdkSimulator;
let sdk: VideoSDK;

beforeAll(async () => {
  sim = await startVideosdkSimulator();
  sdk = new VideoSDK({ apiKey: sim.env.VIDEOSDK_API_KEY, secret: sim.env.VIDEOSDK_API_SECRET, apiEndpoint: sim.url, maxRetries: 0 });
});

afterAll(() => sim.close());

async function collect<T>(page: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of page) items.push(item);
  return items;
}

describe('@videosdk.live/server-sdk against the simulator', () => {
  it('lists every ended session across pages', async () => {
    sim.resetCalls();
    const first = await sdk.sessions.list({ status: 'ended', perPage: 10 });
    expect(first.total).toBe(VIDEOSDK_DEMO_PAST_SESSIONS);
    const sessions = await collect(first);
    expect(sessions).toHaveLength(VIDEOSDK_DEMO_PAST_SESSIONS);
    expect(new Set(sessions.map((session) => session.id)).size).toBe(VIDEOSDK_DEMO_PAST_SESSIONS);
    expect(sessions.every((session) => session.status === 'ended')).toBe(true);
    expect(sim.calls.map((call) => call.query.page ?? '1')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('fetches a session and lists its participants with their timelogs', async () => {
    const sessions = await collect(await sdk.sessions.list({ status: 'ended', perPage: 100 }));
    const rejoins = (session: Session) => session.participants?.some((participant) => (participant.timelog?.length ?? 0) > 1);
    const rejoined = sessions.find(rejoins)!;
    const fetched = await sdk.sessions.get(rejoined.id);
    expect(fetched).toMatchObject({ id: rejoined.id, roomId: rejoined.roomId, start: rejoined.start, end: rejoined.end, status: 'ended' });
    const participants = await collect(await sdk.sessions.listParticipants(rejoined.id, { perPage: 2 }));
    const pick = (participant: Participant) => [participant.participantId, participant.name, participant.timelog];
    expect(participants.map(pick)).toEqual(rejoined.participants!.map(pick));
  });

  it('lists the connected participants of a live session and of a live room', async () => {
    const [live] = (await sdk.sessions.list({ status: 'ongoing' })).data;
    const active = await collect(await sdk.sessions.listActiveParticipants(live!.id));
    const connected = live!.participants!.filter((participant) => participant.timelog?.at(-1)?.end === null);
    expect(active.map((participant) => participant.participantId)).toEqual(connected.map((participant) => participant.participantId));
    const byRoom = await collect(await sdk.participants.list(live!.roomId!));
    expect(byRoom.map((participant) => participant.participantId)).toEqual(connected.map((participant) => participant.participantId));
  });

  it('lists and fetches rooms, and validates an unknown room as invalid', async () => {
    const rooms = await collect(await sdk.rooms.list({ perPage: 3 }));
    expect(rooms).toHaveLength(8);
    const named = rooms.find((room) => room.customRoomId)!;
    expect(await sdk.rooms.get(named.customRoomId!)).toMatchObject({ roomId: named.roomId, id: named.id });
    expect(await sdk.rooms.validate('zzzz-zzzz-zzzz')).toEqual({ valid: false, roomId: 'zzzz-zzzz-zzzz' });
  });

  it('reports an unknown session as RoomNotFoundError (404)', async () => {
    await expect(sdk.sessions.get('0123456789abcdef01234567')).rejects.toSatisfy(
      (error: unknown) => error instanceof RoomNotFoundError && error.httpStatus === 404,
    );
  });

  it('is refused with AuthenticationError (401) when its token is signed with the wrong secret', async () => {
    const wrong = new VideoSDK({ apiKey: sim.env.VIDEOSDK_API_KEY, secret: 'not-the-secret', apiEndpoint: sim.url, maxRetries: 0 });
    const failure = await wrong.sessions.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(failure).toMatchObject({ httpStatus: 401, message: 'Token is invalid or expired' });
  });
});
