// The purpose form's API (R16, R17, R20, R21): the categories, checking a purpose without touching
// data, the user's recent purposes, whether the user may reach ALPR data at all, each user's data
// sources (set by the Administrator), and the authorized job titles (read from the profile).
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import type { HttpServer } from '../platform/http.js';
import { DATA_SOURCE_LABELS, DATA_SOURCES } from './access-context.js';
import { userOf } from './authorize.js';
import type { AuthorizationsService } from './purpose-authorizations.js';
import { PURPOSE_CATEGORIES, PURPOSE_CATEGORY_INFO } from './purpose-categories.js';
import type { PurposeGate } from './purpose-gate.js';
import { REASON_MAX_CHARS, REASON_MIN_CHARS, REASON_MIN_WORDS } from './purpose-rules.js';
import { EligibilitySchema, JobTitles, PurposeBody, PurposeCategories, PurposeCheckResult, RecentPurposes, SourcesBody, StatedPurpose, SourcesView } from './purpose.schemas.js';

// Routes that open the purpose gate take this body too.
export { PurposeBody };

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerPurposeRoutes(app: HttpServer, gate: PurposeGate, authorizations: AuthorizationsService) {
  app.get(
    '/api/v1/purposes/categories',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['purposes'],
        description: 'The purpose categories for the purpose form, with an example reason each, and the reason length rules (R17, R21).',
        response: { 200: PurposeCategories },
      },
    },
    async () => ({
      categories: PURPOSE_CATEGORIES.map((id) => ({ id, label: PURPOSE_CATEGORY_INFO[id].label, example: PURPOSE_CATEGORY_INFO[id].example, roles: PURPOSE_CATEGORY_INFO[id].roles ? [...PURPOSE_CATEGORY_INFO[id].roles] : null })),
      reason: { minChars: REASON_MIN_CHARS, minWords: REASON_MIN_WORDS, maxChars: REASON_MAX_CHARS },
    }),
  );

  app.post(
    '/api/v1/purposes/check',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['purposes'],
        description: 'Checks a purpose without touching any data (R21): ok with the purpose as it will be recorded, or every problem with its field and what to write instead. Always 200.',
        body: PurposeBody,
        response: { 200: PurposeCheckResult },
      },
    },
    async (request) => {
      const result = gate.check(userOf(request), request.body);
      return result.ok ? { ok: true, purpose: result.purpose, problems: [] } : { ok: false, purpose: null, problems: result.problems };
    },
  );

  app.post(
    '/api/v1/purposes/state',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['purposes'],
        description:
          'States a purpose for the data requests that follow (R17, R21): checks you and the purpose like any data request, remembers it, and returns its id. Send the id with each request that returns ALPR data (header X-Purpose-Id, or ?purpose= for images); each use is checked again and logged.',
        body: PurposeBody,
        response: { 200: StatedPurpose },
      },
    },
    async (request) => {
      const origin = originOf(request);
      return gate.state(userOf(request), request.body, { clientAddress: origin.clientAddress, device: origin.device });
    },
  );

  app.get(
    '/api/v1/purposes/recent',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['purposes'],
        description: 'Your last accepted purposes (at most 10), newest first, to state again (R21). Each is checked again when used.',
        response: { 200: RecentPurposes },
      },
    },
    async (request) => ({ purposes: await gate.recent(userOf(request).userId) }),
  );

  app.get(
    '/api/v1/purposes/eligibility',
    {
      config: { access: 'session.self' },
      schema: {
        tags: ['purposes'],
        description: 'Whether you may reach ALPR data at all (account, second factor, device, job title, training, data sources; R15, R16, R19, R20), and if not, why and what to do.',
        response: { 200: EligibilitySchema },
      },
    },
    async (request) => {
      const result = await gate.eligibility(userOf(request));
      return result.ok ? { ok: true, dataSources: result.dataSources, refusal: null } : { ok: false, dataSources: [], refusal: result.refusal };
    },
  );

  const available = DATA_SOURCES.map((id) => ({ id, label: DATA_SOURCE_LABELS[id] }));

  app.get(
    '/api/v1/users/:id/data-sources',
    { config: { access: 'users.view' }, schema: { tags: ['purposes'], description: 'The data sources a user may see (R20).', params: IdParams, response: { 200: SourcesView } } },
    async (request) => ({ sources: await authorizations.dataSourcesOf(request.params.id), available }),
  );

  app.put(
    '/api/v1/users/:id/data-sources',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['purposes'],
        description: 'Sets the data sources a user may see (R20): agency, state (CA DOJ), federal (NCIC/NLETS). A user with none cannot pass the purpose gate.',
        params: IdParams,
        body: SourcesBody,
        response: { 200: SourcesView },
      },
    },
    async (request) => ({ sources: await authorizations.setDataSources({ actor: userOf(request), origin: originOf(request) }, request.params.id, request.body.sources), available }),
  );

  app.get(
    '/api/v1/access/job-titles',
    {
      config: { access: 'users.view' },
      schema: { tags: ['purposes'], description: 'The job titles authorized to access ALPR data (R16), from the policy profile (access.authorizedJobTitles); empty: none yet.', response: { 200: JobTitles } },
    },
    async () => ({ titles: authorizations.jobTitles() }),
  );
}
