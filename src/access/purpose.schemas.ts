// The purpose form's HTTP shapes (R16, R17, R20, R21; STYLE 3): categories, checking a purpose, recent
// purposes, eligibility, each user's data sources and the authorized job titles.
import { Type } from 'typebox';
import { DATA_SOURCES } from './access-context.js';
import { PURPOSE_CATEGORIES } from './purpose-categories.js';
import { GATE_REFUSAL_IDS } from './purpose-gate.js';
import { PURPOSE_RULE_IDS, REASON_MAX_CHARS, REASON_MIN_CHARS, REASON_MIN_WORDS } from './purpose-rules.js';

export const Category = Type.Enum(PURPOSE_CATEGORIES);
export const Source = Type.Enum(DATA_SOURCES);

/** What the user types. Lengths here only stop abuse; the rules give the helpful messages. */
export const PurposeBody = Type.Object(
  {
    caseNumber: Type.String({ maxLength: 64, description: 'Case or incident number: 4–30 letters, digits and dashes with a digit (R21).' }),
    category: Type.String({ maxLength: 64, description: `One of: ${PURPOSE_CATEGORIES.join(', ')}.` }),
    reason: Type.String({
      maxLength: 4000,
      description: `What you are investigating and why this plate: at least ${REASON_MIN_WORDS} words and ${REASON_MIN_CHARS} characters, at most ${REASON_MAX_CHARS}; no personal identifying information beyond a suspect's last name, no criminal history, nothing from CLETS (R21).`,
    }),
  },
  { additionalProperties: false },
);

export const PurposeProblem = Type.Object({
  id: Type.Enum(PURPOSE_RULE_IDS),
  field: Type.Union([Type.Literal('caseNumber'), Type.Literal('category'), Type.Literal('reason')]),
  kind: Type.Union([Type.Literal('invalid'), Type.Literal('prohibited')], { description: 'invalid: fix and resend; prohibited: this purpose is not allowed (R22, R37).' }),
  message: Type.String(),
});

export const AcceptedPurpose = Type.Object({ caseNumber: Type.String(), category: Category, reason: Type.String() });

export const PurposeCategories = Type.Object({
  categories: Type.Array(Type.Object({ id: Category, label: Type.String(), example: Type.String(), roles: Type.Union([Type.Array(Type.String()), Type.Null()]) })),
  reason: Type.Object({ minChars: Type.Integer(), minWords: Type.Integer(), maxChars: Type.Integer() }),
});

export const PurposeCheckResult = Type.Object({ ok: Type.Boolean(), purpose: Type.Union([AcceptedPurpose, Type.Null()]), problems: Type.Array(PurposeProblem) });

export const StatedPurpose = Type.Object({
  purposeId: Type.String({ description: 'Send as X-Purpose-Id (or ?purpose=) with requests that return ALPR data.' }),
  purpose: AcceptedPurpose,
});

export const RecentPurposes = Type.Object({
  purposes: Type.Array(
    Type.Object({
      caseNumber: Type.String(),
      category: Type.String(),
      categoryLabel: Type.String(),
      reason: Type.String(),
      lastUsedAt: Type.String({ format: 'date-time' }),
      useCount: Type.Integer(),
    }),
  ),
});

export const EligibilitySchema = Type.Object({
  ok: Type.Boolean(),
  dataSources: Type.Array(Source),
  refusal: Type.Union([Type.Object({ id: Type.Enum(GATE_REFUSAL_IDS), message: Type.String() }), Type.Null()]),
});

export const SourcesView = Type.Object({ sources: Type.Array(Source), available: Type.Array(Type.Object({ id: Source, label: Type.String() })) });

export const SourcesBody = Type.Object({ sources: Type.Array(Source, { uniqueItems: true, maxItems: DATA_SOURCES.length }) }, { additionalProperties: false });

export const JobTitles = Type.Object({ titles: Type.Array(Type.String()) });
