import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/domain/errors.js';
import { describeVideosdkError, isNoSuchId } from '../../src/providers/videosdk/videosdk-client.js';
import { toLiveParticipants, toPastRoom, toRoom } from '../../src/providers/videosdk/videosdk-mapping.js';
import {
  parseParticipantsPage,
  parseRoom,
  parseRoomPage,
  parseSession,
  parseSessionPage,
  type VideosdkSession,
} from '../../src/providers/videosdk/videosdk-wire.js';

/**
 * VideoSDK's documented answers (test/fixtures/videosdk/README.md cites each) replayed through the
 * wire parsers and mappers, field by field.
 */

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/videosdk/${name}`, import.meta.url), 'utf8'));
const callOf = (path: string) => ({ provider: 'videosdk' as const, method: 'GET', path });
const at = (iso: string) => new Date(iso);

describe('VideoSDK documented answers', () => {
  it('maps the session list example to a past room with both participants', () => {
    const page = parseSessionPage(fixture('fetch-sessions.json'), callOf('/v2/sessions'));
    expect(page.pageInfo).toEqual({ currentPage: 1, perPage: 2, lastPage: 5, total: 10 });
    expect(page.data).toHaveLength(1);
    const pastRoom = toPastRoom(page.data[0]!);
    expect(pastRoom).toEqual({
      provider: 'videosdk',
      roomId: 'abc-xyzw-lmno',
      sessionId: '621497578bea0d0404c35c4c',
      title: 'abc-xyzw-lmno',
      createdAt: at('2022-02-22T07:57:11.505Z'),
      endedAt: at('2022-02-22T07:58:11.505Z'),
      participantCount: 2,
      participants: [
        {
          provider: 'videosdk',
          roomId: 'abc-xyzw-lmno',
          sessionId: '621497578bea0d0404c35c4c',
          participantId: 'but3ihic',
          userId: null,
          name: 'Jacques',
          joinedAt: at('2022-02-22T07:57:13.420Z'),
          leftAt: at('2022-02-22T07:59:13.420Z'),
          presences: [{ joinedAt: at('2022-02-22T07:57:13.420Z'), leftAt: at('2022-02-22T07:59:13.420Z') }],
        },
        expect.objectContaining({ participantId: 'mcg1jq0s', name: 'Rahul', joinedAt: at('2022-02-22T07:57:50.210Z') }),
      ],
    });
  });

  it('maps the single-session example, titled by its customRoomId', () => {
    const session = parseSession(fixture('fetch-session-using-sessionid.json'), callOf('/v2/sessions/621490331a4fb00409e38ca4'));
    expect(session).toMatchObject({ id: '621490331a4fb00409e38ca4', status: 'ended', customRoomId: 'testing-room' });
    const pastRoom = toPastRoom(session);
    expect([pastRoom.title, pastRoom.createdAt, pastRoom.endedAt, pastRoom.participantCount]).toEqual([
      'testing-room',
      at('2022-02-22T07:26:43.863Z'),
      at('2022-02-22T07:48:32.553Z'),
      1,
    ]);
    expect(pastRoom.participants![0]).toMatchObject({
      participantId: 'hasm43',
      name: 'test-1',
      joinedAt: at('2022-02-22T07:26:44.465Z'),
      leftAt: at('2022-02-22T07:48:32.553Z'),
    });
  });

  it.each([
    ['fetch-active-participants.json', { currentPage: 1, perPage: 20, lastPage: 1, total: 2 }, ['iqpq5uen'], '2023-07-24T08:28:09.650Z'],
    ['fetch-active-participants-older.json', { currentPage: 1, perPage: 2, lastPage: null, total: null }, ['ylgjhgeh', 'x9mwdb2l'], '2021-10-25T05:10:30.129Z'],
  ])('maps the connected participants of %s, ignoring the fields the graph does not use', (name, pageInfo, ids, firstJoin) => {
    const page = parseParticipantsPage(fixture(name), callOf('/v2/sessions/s/participants/active'));
    expect([page.pageInfo, page.roomId]).toEqual([pageInfo, 'abc-xyzw-lmno']);
    const live: VideosdkSession = { id: 's', roomId: 'abc-xyzw-lmno', customRoomId: null, start: at(firstJoin), end: null, status: 'ongoing', participants: [] };
    const participants = toLiveParticipants(live, page.participants);
    expect(participants.map((participant) => participant.participantId)).toEqual(ids);
    expect(participants[0]).toMatchObject({ joinedAt: at(firstJoin), leftAt: null, presences: [{ joinedAt: at(firstJoin), leftAt: null }] });
  });

  it('maps the room list and single-room examples', () => {
    const page = parseRoomPage(fixture('fetch-all-room.json'), callOf('/v2/rooms'));
    expect(page.pageInfo).toEqual({ currentPage: 1, perPage: 1, lastPage: 5, total: 10 });
    const room = parseRoom(fixture('fetch-room.json'), callOf('/v2/rooms/abcd-efgh-lmno'));
    expect(page.data).toEqual([room]);
    expect(toRoom(room, null)).toEqual({
      provider: 'videosdk',
      roomId: 'abcd-efgh-lmno',
      title: 'final-testing',
      isActive: false,
      createdAt: at('2022-03-25T04:19:32.380Z'),
      updatedAt: at('2022-03-25T04:19:32.380Z'),
      activeSessionId: null,
      parentRoomId: null,
      participants: [],
    });
  });

  it('reads the page counts of the SDK\'s pagination envelope', () => {
    const page = parseSessionPage(fixture('sessions-pagination-variant.json'), callOf('/v2/sessions'));
    expect(page.pageInfo).toEqual({ currentPage: 1, perPage: 2, lastPage: 5, total: 10 });
    expect(toPastRoom(page.data[0]!)).toMatchObject({ sessionId: '621497578bea0d0404c35c4c', participantCount: 0, participants: [] });
  });

  it('reads the error bodies\' words, and a 400 "Room not found." as no such id', () => {
    expect(describeVideosdkError(fixture('error-invalid-token.json'))).toBe('Token is invalid or expired');
    const words = describeVideosdkError(fixture('error-room-not-found.json'))!;
    expect(words).toBe('Room not found.');
    const call = callOf('/v2/rooms/validate/abcd-efgh-lmno');
    expect(isNoSuchId(new UpstreamError('UPSTREAM_REJECTED', call, words, 400))).toBe(true);
    expect(isNoSuchId(new UpstreamError('UPSTREAM_UNAUTHORIZED', call, 'Token is invalid or expired', 401))).toBe(false);
  });
});
