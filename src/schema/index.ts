/**
 * The schema, assembled: importing the type modules registers them on the builder.
 */
import { builder } from './builder.js';
import './scalars.js';
import './connections.js';
import './participant.js';
import './past-room.js';
import './room.js';
import './query.js';
import './provider-info.js';
import './telnyx-participant.js';
import './entities.js';
import './room-control.js';
import './room-events.js';

/** The schema the gateway serves: the graph plus the federation subgraph fields (`_service`, `_entities`). */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', sortSchema: false });

/** The client contract: the graph without the federation machinery (what `schema/schema.graphql` holds). */
export const clientSchema = builder.toSchema({ sortSchema: false });
