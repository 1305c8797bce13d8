import { describe, expect, it } from 'vitest';
import { parseConnectionArgs } from '../../src/schema/connection-args.js';
import { connectionFingerprint, createCursorSigner, decodePastRoomCursor, encodePastRoomCursor } from '../../src/schema/cursors.js';

describe('parseConnectionArgs', () => {
  it('reads forward 20 items by default', () => {
    expect(parseConnectionArgs({})).toEqual({ direction: 'forward', count: 20, cursor: null });
  });

  it('reads backward with last and before', () => {
    expect(parseConnectionArgs({ last: 5, before: 'c' })).toEqual({ direction: 'backward', count: 5, cursor: 'c' });
  });

  it.each([
    [{ first: -1 }, '`first` must be between 0 and 100; got -1.'],
    [{ first: 100_000 }, '`first` must be between 0 and 100; got 100000.'],
    [{ last: 101 }, '`last` must be between 0 and 100; got 101.'],
    [{ first: 1, last: 1 }, 'Pass either `first` or `last`, not both.'],
    [{ after: 'a', before: 'b' }, 'Pass either `after` or `before`, not both.'],
    [{ last: 2, after: 'a' }, '`after` goes with `first`; use `before` with `last`.'],
  ])('refuses %j with BAD_USER_INPUT', (args, message) => {
    expect(() => parseConnectionArgs(args)).toThrow(message);
    try {
      parseConnectionArgs(args);
    } catch (error) {
      expect((error as { code: string }).code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('past-room cursors', () => {
  const fingerprint = connectionFingerprint({ order: 'a' });
  const signer = createCursorSigner('a-cursor-secret-of-at-least-32-characters');

  it('round-trips the edge provider and the position vector', () => {
    const cursor = { provider: 'plugnmeet' as const, positions: { plugnmeet: 'p:4', videosdk: null } };
    expect(decodePastRoomCursor(signer, encodePastRoomCursor(signer, fingerprint, cursor), fingerprint)).toEqual(cursor);
  });

  it.each(['', 'garbage!', Buffer.from('{"f":1}').toString('base64url'), Buffer.from('[]').toString('base64url')])(
    'refuses the garbled cursor %j with INVALID_CURSOR',
    (text) => {
      expect(() => decodePastRoomCursor(signer, text, fingerprint)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    },
  );

  it('refuses a cursor issued for another filter or order', () => {
    const text = encodePastRoomCursor(signer, connectionFingerprint({ order: 'b' }), { provider: 'telnyx', positions: { telnyx: 'k:1:x' } });
    expect(() => decodePastRoomCursor(signer, text, fingerprint)).toThrow(/different list/);
  });
});
