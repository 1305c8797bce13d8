import { DEFAULT_PAST_ROOM_ORDER } from '../domain/ordering.js';
import { builder } from './builder.js';
import { OrderDirectionEnum, PastRoomOrderFieldEnum, ProviderEnum } from './enums.js';

export const DateTimeRangeInput = builder.inputType('DateTimeRange', {
  description: 'A range of time: `from` is inclusive, `to` exclusive; leave either out for an open end.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Earliest instant included.' }),
    to: t.field({ type: 'DateTime', description: 'First instant no longer included.' }),
  }),
});

export const PastRoomFilterInput = builder.inputType('PastRoomFilter', {
  description: 'Narrows a list of past rooms. Every filter is applied exactly, by the provider or by the gateway.',
  fields: (t) => ({
    provider: t.field({ type: ProviderEnum, description: 'Only this provider\'s past rooms.' }),
    roomIds: t.stringList({ description: 'Only sessions of these rooms (the providers\' own room ids, at most 100).' }),
    createdAt: t.field({ type: DateTimeRangeInput, description: 'Only sessions that started in this range.' }),
  }),
});

export const PastRoomOrderInput = builder.inputType('PastRoomOrder', {
  description: 'The order of a past-room connection.',
  fields: (t) => ({
    field: t.field({ type: PastRoomOrderFieldEnum, required: true, defaultValue: DEFAULT_PAST_ROOM_ORDER.field, description: 'What to order by.' }),
    direction: t.field({ type: OrderDirectionEnum, required: true, defaultValue: DEFAULT_PAST_ROOM_ORDER.direction, description: 'Which way.' }),
  }),
});
