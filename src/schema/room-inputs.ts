import { builder } from './builder.js';
import { OrderDirectionEnum, ProviderEnum } from './enums.js';
import { DateTimeRangeInput } from './inputs.js';

export const RoomFilterInput = builder.inputType('RoomFilter', {
  description: 'Narrows a list of rooms. Every filter is applied exactly, by the provider or by the gateway.',
  fields: (t) => ({
    provider: t.field({ type: ProviderEnum, description: "Only this provider's rooms." }),
    name: t.string({
      description: 'Only the room whose title is exactly this (plugNmeet title, VideoSDK customRoomId or roomId, Telnyx unique_name).',
    }),
    createdAt: t.field({ type: DateTimeRangeInput, description: 'Only rooms created in this range.' }),
    updatedAt: t.field({
      type: DateTimeRangeInput,
      description: 'Only rooms last updated in this range. plugNmeet keeps no update time: combine with `provider: VIDEOSDK` or `TELNYX` when plugNmeet is enabled.',
    }),
  }),
});

export const RoomOrderFieldEnum = builder.enumType('RoomOrderField', {
  description: 'What rooms can be ordered by. Ties are broken by provider, then by room id.',
  values: {
    CREATED_AT: { value: 'CREATED_AT', description: 'When the room was created (rooms with no creation time count as oldest).' },
    TITLE: { value: 'TITLE', description: 'The room title, by Unicode code points.' },
  } as const,
});

export const RoomOrderInput = builder.inputType('RoomOrder', {
  description: 'The order of a room connection.',
  fields: (t) => ({
    field: t.field({ type: RoomOrderFieldEnum, required: true, defaultValue: 'CREATED_AT', description: 'What to order by.' }),
    direction: t.field({ type: OrderDirectionEnum, required: true, defaultValue: 'DESC', description: 'Which way.' }),
  }),
});
