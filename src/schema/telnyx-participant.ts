import type { TelnyxParticipantExtras } from '../domain/model.js';
import { builder } from './builder.js';
import { ParticipantRef } from './node-refs.js';

const TelnyxParticipantRef = builder.objectRef<TelnyxParticipantExtras>('TelnyxParticipant').implement({
  description: 'What Telnyx keeps about a room participant beyond the shared fields.',
  fields: (t) => ({
    context: t.exposeString('context', {
      nullable: true,
      description: "The free text the application passed through Telnyx's client SDK when the participant joined (often JSON); null when none was set.",
    }),
  }),
});

builder.objectField(ParticipantRef, 'telnyx', (t) =>
  t.expose('telnyx', {
    type: TelnyxParticipantRef,
    nullable: true,
    description: 'Telnyx-only data; null for participants of other providers.',
  }),
);
