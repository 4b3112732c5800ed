// The agency and its ALPR Administrator (R44: title and name recorded and shown where the policy
// requires), and the policy the system enforces (R43).
import { Type } from 'typebox';
import type { HttpServer } from '../platform/http.js';
import { describeRetention } from './profile.describe.js';
import type { PolicyProfile } from './profile.schema.js';

export const AgencyView = Type.Object({
  name: Type.String(),
  shortName: Type.String(),
  jurisdiction: Type.String(),
  administrator: Type.Object({ title: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }, { description: 'R44: the current ALPR Administrator.' }),
  policy: Type.Object({ title: Type.String(), url: Type.Union([Type.String(), Type.Null()]) }),
  retention: Type.Array(Type.String(), { description: 'R30: how long each kind of data is kept, as the policy says it.' }),
});

export function registerPolicyRoutes(app: HttpServer, profile: PolicyProfile) {
  app.get('/api/v1/agency', { config: { access: 'agency.view' }, schema: { tags: ['policy'], response: { 200: AgencyView } } }, async () => ({
    name: profile.agency.name,
    shortName: profile.agency.shortName,
    jurisdiction: profile.agency.jurisdiction,
    administrator: { title: profile.administrator.title, name: profile.administrator.name },
    policy: { title: profile.policy.title, url: profile.policy.url ?? null },
    retention: describeRetention(profile),
  }));
}
