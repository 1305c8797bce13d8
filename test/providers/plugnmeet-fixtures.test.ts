import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedError } from '../../src/providers/kit/wire-readers.js';
import { toActiveRoom, toIdleRoom, toPastRoom } from '../../src/providers/plugnmeet/plugnmeet-mapping.js';
import { parseActiveRooms, parseEnvelope, parsePastRoomsResult } from '../../src/providers/plugnmeet/plugnmeet-wire.js';

/** A recorded body from test/fixtures/plugnmeet (sources in its README). */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/plugnmeet/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

describe('plugNmeet recorded answers', () => {
  it('maps the documented fetchPastRooms reply to a past room with no participant figure', () => {
    const body = fixture('fetch-past-rooms');
    expect(parseEnvelope(body)).toEqual({ status: true, msg: 'success', status_code: 'SUCCESS' });
    const result = parsePastRoomsResult(body.result);
    expect(result.total_rooms).toBe(1);
    expect(result.rooms_list.map(toPastRoom)).toEqual([
      {
        provider: 'plugnmeet',
        roomId: 'room01',
        sessionId: '0b6e6c5e-3f3a-4d8e-9a52-2b1f4c0d7e11',
        title: 'Demo',
        createdAt: new Date('2026-01-02T10:00:00Z'),
        endedAt: new Date('2026-01-02T11:00:00Z'),
        participantCount: null,
        participants: null,
      },
    ]);
  });

  it('reads a running row as having no end, and honours zone offsets', () => {
    const rows = parsePastRoomsResult(fixture('fetch-past-rooms-running').result).rooms_list;
    expect(rows.map((row) => [row.room_id, row.created.toISOString(), row.ended?.toISOString() ?? null])).toEqual([
      ['weekly-standup', '2026-03-01T09:00:00.000Z', '2026-03-01T09:42:10.000Z'],
      ['berlin-sync', '2026-03-01T09:00:00.000Z', '2026-03-01T10:30:00.000Z'],
      ['weekly-standup', '2026-03-08T09:00:00.000Z', null],
    ]);
    expect(toIdleRoom(rows[2]!)).toEqual({
      provider: 'plugnmeet',
      roomId: 'weekly-standup',
      title: 'Weekly stand-up',
      isActive: false,
      createdAt: new Date('2026-03-08T09:00:00Z'),
      updatedAt: null,
      activeSessionId: null,
      parentRoomId: null,
      participants: [],
    });
  });

  it('reads the pre-1.7.0 time format as UTC and int64 sent as numbers, with no status_code', () => {
    const body = fixture('fetch-past-rooms-legacy');
    expect(parseEnvelope(body).status_code).toBeNull();
    const [row] = parsePastRoomsResult(body.result).rooms_list;
    expect(toPastRoom(row!)).toMatchObject({ createdAt: new Date('2024-05-02T10:00:00Z'), endedAt: new Date('2024-05-02T10:45:30Z'), participantCount: null });
  });

  it('refuses a time that cannot be right', () => {
    expect(() => parsePastRoomsResult(fixture('fetch-past-rooms-bad-time').result)).toThrow(MalformedError);
  });

  it('reads the "nothing" replies as failures the client turns into empty answers', () => {
    expect(parseEnvelope(fixture('fetch-past-rooms-not-found'))).toEqual({ status: false, msg: 'no room found', status_code: 'NOT_FOUND' });
    expect(parseEnvelope(fixture('get-active-rooms-info-none'))).toEqual({ status: false, msg: 'no active room found', status_code: 'NOT_FOUND' });
    const skipped = fixture('get-active-rooms-info-skipped');
    expect(parseEnvelope(skipped).status).toBe(true);
    expect(parseActiveRooms(skipped.rooms)).toEqual([]);
  });

  it('maps live rooms: people only, joined_at_ms preferred, breakout rooms linked to their parent', () => {
    const [hall, breakout] = parseActiveRooms(fixture('get-active-rooms-info').rooms).map(toActiveRoom);
    expect(hall).toEqual({
      provider: 'plugnmeet',
      roomId: 'town-hall',
      title: 'Company town hall',
      isActive: true,
      createdAt: new Date(1726678928 * 1000),
      updatedAt: null,
      activeSessionId: 'c4d5e6f7-a8b9-4c0d-9e1f-203142536475',
      parentRoomId: null,
      participants: [
        {
          provider: 'plugnmeet',
          roomId: 'town-hall',
          sessionId: 'c4d5e6f7-a8b9-4c0d-9e1f-203142536475',
          participantId: 'PA_ada000000001',
          userId: 'ada',
          name: 'Ada Lovelace',
          joinedAt: new Date(1726678930123),
          leftAt: null,
          presences: [{ joinedAt: new Date(1726678930123), leftAt: null }],
        },
        {
          provider: 'plugnmeet',
          roomId: 'town-hall',
          sessionId: 'c4d5e6f7-a8b9-4c0d-9e1f-203142536475',
          participantId: 'PA_grace0000002',
          userId: 'grace',
          name: 'Grace Hopper',
          // joined_at_ms "0" (unset): the seconds are used.
          joinedAt: new Date(1726678990 * 1000),
          leftAt: null,
          presences: [{ joinedAt: new Date(1726678990 * 1000), leftAt: null }],
        },
      ],
    });
    expect(breakout).toMatchObject({ roomId: 'town-hall-1', title: 'Breakout 1', isActive: true, parentRoomId: 'town-hall', participants: [] });
  });
});
