import { builder } from './builder.js';
import { PastRoomRef, RoomRef } from './node-refs.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across every page (and every provider it spans).',
    resolve: (connection) => connection.totalCount,
  }),
);

export const PastRoomConnectionRef = builder.connectionObject(
  { type: PastRoomRef, name: 'PastRoomConnection', description: 'A page of ended sessions, in the order asked for.' },
  { name: 'PastRoomEdge', description: 'An ended session and the cursor that points just after it.' },
);

export const RoomConnectionRef = builder.connectionObject(
  { type: RoomRef, name: 'RoomConnection', description: 'A page of rooms.' },
  { name: 'RoomEdge', description: 'A room and the cursor that points just after it.' },
);
