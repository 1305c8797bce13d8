import { builder } from './builder.js';

export const ProviderEnum = builder.enumType('Provider', {
  description: 'A video-room provider the gateway reads from.',
  values: {
    PLUGNMEET: { value: 'plugnmeet', description: 'plugNmeet, the self-hosted open-source conferencing server.' },
    VIDEOSDK: { value: 'videosdk', description: 'VideoSDK (api.videosdk.live).' },
    TELNYX: { value: 'telnyx', description: 'Telnyx Video Rooms (api.telnyx.com).' },
  } as const,
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
