// The hot-list feed a patrol-car edge unit takes down to match offline (issue 10; R5, R9, R12):
// the matcher's own entry shape (matcher.types.ts HotListEntry) plus each list's facts, so the car
// shows the same hit the server would, with the list's name and when it was last updated.
import { Type, type Static } from 'typebox';
import { HOT_LIST_CATEGORIES } from './matcher.types.js';

const Descriptor = Type.Optional(Type.Union([Type.String(), Type.Null()]));

export const EdgeFeedEntry = Type.Object(
  {
    id: Type.String(),
    listId: Type.String(),
    priority: Type.Integer({ minimum: 0 }),
    category: Type.Enum([...HOT_LIST_CATEGORIES]),
    reason: Type.Optional(Type.String()),
    plate: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    pattern: Type.Optional(Type.String()),
    vehicle: Type.Optional(Type.Object({ make: Descriptor, model: Descriptor, color: Descriptor, bodyType: Descriptor })),
    expiresAt: Type.Optional(Type.Number({ description: 'Epoch ms after which the entry no longer hits (R13); absent: no expiry.' })),
  },
  { additionalProperties: false },
);
export type EdgeFeedEntry = Static<typeof EdgeFeedEntry>;

export const EdgeFeedList = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    priority: Type.Integer({ minimum: 0 }),
    source: Type.String({ description: 'The source as an officer reads it on an alert.' }),
    lastUpdatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the list last changed (R12); null if never imported.' }),
  },
  { additionalProperties: false },
);
export type EdgeFeedList = Static<typeof EdgeFeedList>;

export const EdgeFeed = Type.Object(
  {
    version: Type.String({ description: 'Changes whenever the lists or their entries change; also the ETag.' }),
    generatedAt: Type.String({ format: 'date-time' }),
    downloadIntervalHours: Type.Integer({ minimum: 1, description: "The agency's general-list download interval (R6); an edge copy older than twice this may be stale (R12)." }),
    lists: Type.Array(EdgeFeedList),
    entries: Type.Array(EdgeFeedEntry),
  },
  { additionalProperties: false },
);
export type EdgeFeed = Static<typeof EdgeFeed>;
