// Misuse signals and geofences over HTTP (R22, R29): the administrator's review queue, resolving
// with a note, an on-demand scan, and the sensitive places the rules watch.
import { userOf } from '../access/authorize.js';
import type { HttpServer } from '../platform/http.js';
import { originOf } from './access-log.js';
import { MISUSE_RULES, MISUSE_THRESHOLDS } from './misuse.rules.js';
import type { FlagView, Geofence, GeofenceInput, MisuseService } from './misuse.service.js';
import { FlagParams, FlagSchema, FlagsAnswer, FlagsQuery, GeofenceBody, GeofenceSchema, GeofencesAnswer, ResolveBody, RulesAnswer, ScanAnswer } from './misuse.schemas.js';

const iso = (ms: number) => new Date(ms).toISOString();
const flagView = (f: Omit<FlagView, 'entry' | 'ruleTitle' | 'ruleText'> & Partial<Pick<FlagView, 'entry' | 'ruleTitle' | 'ruleText'>>) => ({
  ...f,
  ruleTitle: f.ruleTitle ?? f.rule,
  ruleText: f.ruleText ?? '',
  entrySeq: Number(f.entrySeq),
  at: iso(Number(f.at)),
  createdAt: iso(Number(f.createdAt)),
  resolvedAt: f.resolvedAt === null ? null : iso(Number(f.resolvedAt)),
  entry: f.entry ? { ...f.entry, at: iso(f.entry.at) } : null,
});
const geofenceView = (g: Geofence) => ({ ...g, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt) });

export function registerMisuseRoutes(app: HttpServer, misuse: MisuseService) {
  app.get('/api/v1/misuse/rules', { config: { access: 'misuse.review' }, schema: { tags: ['misuse'], description: 'The misuse rules, the clause each protects, and their thresholds (R29).', response: { 200: RulesAnswer } } }, async () => ({
    rules: MISUSE_RULES.map(({ id, title, text }) => ({ id, title, text })),
    thresholds: MISUSE_THRESHOLDS,
  }));

  app.get('/api/v1/misuse/flags', { config: { access: 'misuse.review' }, schema: { tags: ['misuse'], description: 'Flagged access-log entries, newest first, with the rule and reason (R22, R29). Viewing is logged.', querystring: FlagsQuery, response: { 200: FlagsAnswer } } }, async (request) => {
    const flags = await misuse.flags(request.query.status, request.query.limit ?? 200);
    await misuse.recordQueueView(userOf(request), originOf(request), flags.length);
    return { flags: flags.map(flagView) };
  });

  app.post('/api/v1/misuse/flags/:id/resolve', { config: { access: 'misuse.review' }, schema: { tags: ['misuse'], description: 'Resolves a flag with a note of what the review found; recorded in the access log.', params: FlagParams, body: ResolveBody, response: { 200: FlagSchema } } }, async (request) =>
    flagView(await misuse.resolve(userOf(request), request.params.id, request.body.note, originOf(request))),
  );

  app.post('/api/v1/misuse/scan', { config: { access: 'misuse.review' }, schema: { tags: ['misuse'], description: 'Runs the misuse rules now over entries not yet scanned (the scheduled job does this every 15 minutes).', response: { 200: ScanAnswer } } }, async () => misuse.scan());

  app.get('/api/v1/geofences', { config: { access: 'geofences.manage' }, schema: { tags: ['misuse'], description: 'Sensitive places (places of worship, clinics, protests) the misuse rules watch.', response: { 200: GeofencesAnswer } } }, async () => ({
    geofences: (await misuse.geofences()).map(geofenceView),
  }));

  app.post('/api/v1/geofences', { config: { access: 'geofences.manage' }, schema: { tags: ['misuse'], body: GeofenceBody, response: { 201: GeofenceSchema } } }, async (request, reply) =>
    reply.code(201).send(geofenceView(await misuse.createGeofence(userOf(request), request.body as GeofenceInput, originOf(request)))),
  );

  app.put('/api/v1/geofences/:id', { config: { access: 'geofences.manage' }, schema: { tags: ['misuse'], params: FlagParams, body: GeofenceBody, response: { 200: GeofenceSchema } } }, async (request) =>
    geofenceView(await misuse.updateGeofence(userOf(request), request.params.id, request.body as GeofenceInput, originOf(request))),
  );

  app.delete('/api/v1/geofences/:id', { config: { access: 'geofences.manage' }, schema: { tags: ['misuse'], params: FlagParams } }, async (request, reply) => {
    await misuse.deleteGeofence(userOf(request), request.params.id, originOf(request));
    return reply.code(204).send();
  });
}
