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

export const schema = builder.toSchema({ sortSchema: false });
