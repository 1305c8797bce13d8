import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UpstreamError, type UpstreamCall } from '../../src/domain/errors.js';
import { toParticipant, toPastRoom, toRoom } from '../../src/providers/telnyx/telnyx-mapping.js';
import {
  parseErrorDescription,
  parseParticipantList,
  parseRoomData,
  parseRoomList,
  parseSessionData,
  parseSessionList,
} from '../../src/providers/telnyx/telnyx-wire.js';

/** Documented Telnyx answers (sources in test/fixtures/telnyx/README.md) through the parsers and mappers. */

const CALL: UpstreamCall = { provider: 'telnyx', method: 'GET', path: '/fixture' };
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/telnyx/${name}.json`, import.meta.url), 'utf8'));
const ROOM_ID = '7b61621f-62e0-4aad-ab11-9fd19e272e73';
const SESSION_ID = '7b61621f-62e0-4aad-ab11-9fd19e272e74';
// Microseconds are truncated to the millisecond, the resolution of a Date.
const CREATED = new Date('2021-04-16T09:46:20.954Z');
const UPDATED = new Date('2021-04-16T10:24:55.962Z');

describe('Telnyx fixtures', () => {
  it('maps the documented room list to a live room named by unique_name, with its meta', () => {
    const page = parseRoomList(fixture('rooms-list'), CALL);
    expect(page.meta).toEqual({ page_number: 2, page_size: 25, total_pages: 3, total_results: 55 });
    expect(page.data).toHaveLength(1);
    expect(toRoom(page.data[0]!)).toEqual({
      provider: 'telnyx',
      roomId: ROOM_ID,
      title: 'My Room',
      isActive: true,
      createdAt: CREATED,
      updatedAt: UPDATED,
      activeSessionId: SESSION_ID,
      parentRoomId: null,
      participants: null,
    });
    expect(page.data[0]!.sessions).toEqual([
      { id: SESSION_ID, room_id: ROOM_ID, active: true, created_at: CREATED, updated_at: UPDATED, ended_at: undefined, participants: [] },
    ]);
  });

  it('maps the documented single room the same way', () => {
    const room = parseRoomData(fixture('room'), CALL);
    expect(toRoom(room)).toEqual(toRoom(parseRoomList(fixture('rooms-list'), CALL).data[0]!));
    expect(room.max_participants).toBe(50);
  });

  it('maps the documented ended session list to a past room, its participants not included', () => {
    const page = parseSessionList(fixture('room-sessions-list'), CALL);
    const session = page.data[0]!;
    expect(session.participants).toEqual([]);
    expect(toPastRoom(session, { roomName: null, participantsIncluded: false })).toEqual({
      provider: 'telnyx',
      roomId: '7b61621f-5fe4-4aad-ab11-9fd19e272e73',
      sessionId: ROOM_ID,
      title: '7b61621f-5fe4-4aad-ab11-9fd19e272e73',
      createdAt: CREATED,
      endedAt: UPDATED,
      participantCount: null,
      participants: null,
    });
  });

  it('maps a session read with include_participants to a counted past room with its participant', () => {
    const session = parseSessionData(fixture('room-session-with-participants'), CALL);
    const pastRoom = toPastRoom(session, { roomName: 'My Room', participantsIncluded: true });
    const alice = {
      provider: 'telnyx',
      roomId: '7b61621f-5fe4-4aad-ab11-9fd19e272e73',
      sessionId: '7b61621f-5fe4-4aad-ab11-9fd19e272e73',
      participantId: ROOM_ID,
      userId: null,
      name: 'Alice',
      joinedAt: CREATED,
      leftAt: UPDATED,
      presences: [{ joinedAt: CREATED, leftAt: UPDATED }],
      telnyx: { context: 'Alice' },
    };
    expect(pastRoom).toMatchObject({ title: 'My Room', sessionId: ROOM_ID, participantCount: 1, createdAt: CREATED, endedAt: UPDATED });
    expect(pastRoom.participants).toEqual([alice]);
  });

  it('maps the documented participant list, whose participant has left', () => {
    const page = parseParticipantList(fixture('session-participants-list'), CALL);
    expect(page.meta.total_results).toBe(55);
    const participant = toParticipant(page.data[0]!, 'room-of-the-session');
    expect(participant).toMatchObject({ roomId: 'room-of-the-session', name: 'Alice', joinedAt: CREATED, leftAt: UPDATED });
  });

  it('reads a meta of only page_number and total_pages, as the official client does', () => {
    const page = parseSessionList(fixture('room-sessions-list-minimal-meta'), CALL);
    expect(page.meta).toEqual({ page_number: 2, page_size: undefined, total_pages: 3, total_results: undefined });
    expect(page.data.map((session) => session.id)).toEqual(parseSessionList(fixture('room-sessions-list'), CALL).data.map((session) => session.id));
  });

  it('describes every documented error shape', () => {
    expect(parseErrorDescription(fixture('error-not-found'))).toBe('Resource not found: The requested resource or URL could not be found. (10005)');
    expect(parseErrorDescription(fixture('error-not-found-bare'))).toBe('Resource not found: The requested resource or URL could not be found. (10005)');
    expect(parseErrorDescription(fixture('error-generic'))).toBe('Error');
    expect(parseErrorDescription(fixture('error-rate-limited'))).toBe('Too many requests: You have exceeded the maximum number of allowed requests. (10011)');
    expect([parseErrorDescription('Bad gateway'), parseErrorDescription({ errors: [] }), parseErrorDescription({ success: false })]).toEqual([null, null, null]);
  });

  it('refuses times that cannot be right: a "0", a session ending before it starts, a participant leaving before joining', () => {
    const sessions = fixture('room-sessions-list') as { data: Record<string, unknown>[] };
    const withSession = (change: Record<string, unknown>) => ({ ...sessions, data: [{ ...sessions.data[0], ...change }] });
    const refused = (body: unknown, parse: (body: unknown, call: UpstreamCall) => unknown) => {
      try {
        parse(body, CALL);
      } catch (error) {
        expect(error).toBeInstanceOf(UpstreamError);
        return [(error as UpstreamError).code, (error as UpstreamError).message];
      }
      throw new Error('accepted');
    };
    expect(refused(withSession({ created_at: '0' }), parseSessionList)).toEqual(['UPSTREAM_BAD_RESPONSE', expect.stringContaining('data[0].created_at')]);
    expect(refused(withSession({ ended_at: '2021-04-16T09:00:00Z' }), parseSessionList)[1]).toContain('data[0].ended_at is before');
    const people = fixture('session-participants-list') as { data: Record<string, unknown>[] };
    const early = { ...people, data: [{ ...people.data[0], left_at: '2021-04-16T09:00:00.000001Z' }] };
    expect(refused(early, parseParticipantList)[1]).toContain('data[0].left_at is before');
    expect(refused({ ...people, meta: { page_number: 1 } }, parseParticipantList)[1]).toContain('meta.total_pages');
  });
});
