import type { ProviderName } from '../domain/model.js';
import type { ProviderCapabilities } from '../domain/provider.js';
import { builder } from './builder.js';
import { PastRoomOrderFieldEnum, ProviderEnum } from './enums.js';

interface ProviderInfo {
  provider: ProviderName;
  capabilities: ProviderCapabilities;
}

const ProviderInfoRef = builder.objectRef<ProviderInfo>('ProviderInfo').implement({
  description: 'An enabled provider and what it does natively; the gateway does the rest on its own side, exactly.',
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderEnum, description: 'The provider.' }),
    nativePastRoomOrders: t.field({
      type: [PastRoomOrderFieldEnum],
      description: 'Orders the provider sorts past rooms in; any other order is made by the gateway from the full list.',
      resolve: (info) => [...info.capabilities.nativePastRoomOrders],
    }),
    nativeRoomIdFilter: t.boolean({
      description: 'Whether `roomIds` filters are applied by the provider (else by the gateway).',
      resolve: (info) => info.capabilities.nativeRoomIdFilter,
    }),
    nativeCreatedAtFilter: t.boolean({
      description: 'Whether `createdAt` ranges are applied exactly by the provider (else narrowed upstream where possible and applied by the gateway).',
      resolve: (info) => info.capabilities.nativeCreatedAtFilter,
    }),
    pastRoomParticipants: t.boolean({
      description: 'Whether ended sessions list their participants (`PastRoom.participants` is null otherwise).',
      resolve: (info) => info.capabilities.pastRoomParticipants,
    }),
    roomsFromSessions: t.boolean({
      description: 'Whether `rooms` derives this provider\'s rooms from live rooms and past sessions, for want of a room API.',
      resolve: (info) => info.capabilities.roomListing === 'derived-from-sessions',
    }),
    roomUpdatedAt: t.boolean({
      description: 'Whether rooms carry `updatedAt` (and so accept `RoomFilter.updatedAt`).',
      resolve: (info) => info.capabilities.roomUpdatedAt,
    }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({
    type: [ProviderInfoRef],
    description: 'The providers enabled on this gateway, with what each does natively.',
    resolve: (_root, _args, context) => [...context.capabilities].map(([provider, capabilities]) => ({ provider, capabilities })),
  }),
);
