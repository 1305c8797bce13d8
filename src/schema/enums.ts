import { PROVIDER_INFO, PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import { builder } from './builder.js';

export const ProviderEnum = builder.enumType('Provider', {
  description: 'A video-room provider the gateway reads from.',
  values: Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name.toUpperCase(), { value: name, description: PROVIDER_INFO[name].description }]),
  ) as Record<Uppercase<ProviderName>, { value: ProviderName; description: string }>,
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { value: 'ASC', description: 'Oldest (smallest) first.' },
    DESC: { value: 'DESC', description: 'Newest (largest) first.' },
  } as const,
});

export const PastRoomOrderFieldEnum = builder.enumType('PastRoomOrderField', {
  description: 'What past rooms can be ordered by. Ties are broken by provider, then by session id.',
  values: {
    CREATED_AT: { value: 'CREATED_AT', description: 'When the session started.' },
    ENDED_AT: { value: 'ENDED_AT', description: 'When the session ended.' },
  } as const,
});
