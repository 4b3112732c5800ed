// Misuse signals and geofences over HTTP (R22, R29; STYLE 3).
import { Type } from 'typebox';
import { AccessLogEntrySchema } from './audit.schemas.js';
import { GEOFENCE_KINDS } from './misuse.service.js';

const Instant = Type.String({ format: 'date-time' });

export const FlagSchema = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  ruleTitle: Type.String(),
  ruleText: Type.String({ description: 'What the rule looks for and the policy clause it protects.' }),
  entrySeq: Type.Integer(),
  actorUsername: Type.String(),
  at: Instant,
  reason: Type.String(),
  status: Type.Enum(['open', 'resolved']),
  createdAt: Instant,
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([Instant, Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
  entry: Type.Union([AccessLogEntrySchema, Type.Null()]),
});

export const FlagsQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'resolved'])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) }, { additionalProperties: false });
export const FlagsAnswer = Type.Object({ flags: Type.Array(FlagSchema) });
export const FlagParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const ResolveBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const ScanAnswer = Type.Object({ scanned: Type.Integer(), flagged: Type.Integer(), toSeq: Type.Integer() });

export const RuleSchema = Type.Object({ id: Type.String(), title: Type.String(), text: Type.String() });
export const RulesAnswer = Type.Object({ rules: Type.Array(RuleSchema), thresholds: Type.Unknown({ description: 'Every threshold and why it is set so (misuse.rules.ts).' }) });

const ShapeSchema = Type.Union([
  Type.Object({ shape: Type.Literal('circle'), centerLat: Type.Number(), centerLon: Type.Number(), radiusM: Type.Number({ description: '10 to 5,000 metres.' }) }, { additionalProperties: false }),
  Type.Object({ shape: Type.Literal('polygon'), polygon: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { minItems: 3, maxItems: 200, description: '[latitude, longitude] corners.' }) }, { additionalProperties: false }),
]);

export const GeofenceBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Enum([...GEOFENCE_KINDS]), active: Type.Optional(Type.Boolean()), shape: ShapeSchema },
  { additionalProperties: false },
);

export const GeofenceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  active: Type.Boolean(),
  shape: ShapeSchema,
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export const GeofencesAnswer = Type.Object({ geofences: Type.Array(GeofenceSchema) });
