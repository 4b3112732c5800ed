// Alerts over HTTP (issue 5; R9–R12, R20, R28): the live stream (Server-Sent Events), one alert
// and its image, the workflow steps, history, accuracy and subscriptions. Every answer that holds a
// hit goes through the purpose gate and the access log first (invariant 1): alerts open it with the
// hit as the purpose; history and the misread export take the caller's stated purpose.
import { Type } from 'typebox';
import { userOf } from '../access/authorize.js';
import { openGate } from '../access/gate.http.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import { originOf } from '../audit/access-log.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import {
  AccuracyQuery,
  AccuracyReport,
  ActionBody,
  AlertView,
  ConfirmBody,
  DispositionBody,
  ExigencyBody,
  HistoryPage,
  HistoryQuery,
  SeqParams,
  StreamQuery,
  Subscription,
  SubscriptionView,
  VerifyBody,
} from './alerts.schemas.js';
import type { AlertsService, StepInput } from './alerts.service.js';
import type { StreamEvent } from './alerts.stream.js';

const HEARTBEAT_MS = 15_000;
const DAY = 86_400_000;

const instant = (value: string | undefined, field: string): number | undefined => {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw badRequest('invalid_request', `${field} must be a date-time with a zone, e.g. 2026-11-23T08:00:00Z.`, field);
  return at;
};

export function registerAlertRoutes(app: HttpServer, alerts: AlertsService, gate: PurposeGate, now: () => number) {
  app.get(
    '/api/v1/alerts/stream',
    {
      config: { access: 'alerts.view' },
      schema: {
        tags: ['alerts'],
        querystring: StreamQuery,
        description:
          'Live alerts as Server-Sent Events (`event: alert`, `id:` the alert number; `event: update` when an alert\'s workflow moves). A reconnecting client sends Last-Event-ID (EventSource does) or ?since= and gets every alert it missed, then live ones. Each alert sent is an access, logged with the hit as its purpose.',
      },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
      const since = fromHeader ?? request.query.since;
      const raw = reply.raw;
      // Events the replay produces before the headers are out wait here, in order.
      let pending: string[] | undefined = [];
      const write = (text: string) => {
        if (pending) pending.push(text);
        else if (!raw.destroyed) raw.write(text);
      };
      let closeRequested = false;
      const sink = {
        send(event: StreamEvent) {
          write(`${event.id !== undefined ? `id: ${event.id}\n` : ''}event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
        },
        close() {
          if (pending) closeRequested = true;
          else raw.end();
        },
      };
      // Refusals (not eligible) come back as ordinary JSON errors, before the stream opens.
      const disconnect = await alerts.connect(userOf(request), originOf(request), since, sink);
      reply.hijack();
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const queued = pending;
      pending = undefined;
      write('retry: 2000\n: connected\n\n');
      for (const text of queued) write(text);
      if (closeRequested) raw.end();
      const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        disconnect();
      };
      // The client may have gone while the gate was being checked.
      if (raw.destroyed || raw.socket?.destroyed) end();
      else raw.on('close', end);
    },
  );

  app.get(
    '/api/v1/alerts/:seq',
    { config: { access: 'alerts.view' }, schema: { tags: ['alerts'], params: SeqParams, response: { 200: AlertView }, description: 'One alert; logged as an access with the hit as its purpose.' } },
    async (request) => alerts.view(userOf(request), request.params.seq, originOf(request)),
  );

  app.get(
    '/api/v1/alerts/:seq/images/:which',
    {
      config: { access: 'alerts.view' },
      schema: { tags: ['alerts'], params: Type.Object({ seq: Type.Integer({ minimum: 1 }), which: Type.Union([Type.Literal('plate'), Type.Literal('vehicle')]) }), description: 'The captured image, logged as an access.' },
    },
    async (request, reply) => {
      const image = await alerts.image(userOf(request), request.params.seq, request.params.which, originOf(request));
      return reply.header('content-type', image.contentType).header('cache-control', 'private, no-store').send(image.data);
    },
  );

  const act = (request: { params: { seq: number }; headers: Record<string, string | string[] | undefined>; ip: string } & Parameters<typeof userOf>[0], input: StepInput) =>
    alerts.step(userOf(request), request.params.seq, input, originOf(request));
  const steps = { tags: ['alerts'], params: SeqParams, response: { 200: AlertView } };

  app.post('/api/v1/alerts/:seq/acknowledge', { config: { access: 'alerts.act' }, schema: { ...steps, description: 'Step 1: acknowledge the alert.' } }, async (request) =>
    act(request, { step: 'acknowledge' }),
  );
  app.post(
    '/api/v1/alerts/:seq/confirm',
    { config: { access: 'alerts.act' }, schema: { ...steps, body: ConfirmBody, description: 'Step 2: the CLETS or dispatch check that the entry is still listed (R10). not_active closes the alert as no_longer_wanted.' } },
    async (request) => act(request, { step: 'confirm', method: request.body.method, result: request.body.result, ...(request.body.reference ? { reference: request.body.reference } : {}) }),
  );
  app.post(
    '/api/v1/alerts/:seq/exigency',
    {
      config: { access: 'alerts.act' },
      schema: { ...steps, body: ExigencyBody, description: "Step 2 under exigent circumstances, with a written justification, where the agency's policy allows; where the CLETS check is mandatory it is still owed before any action (R10)." },
    },
    async (request) => act(request, { step: 'exigency', justification: request.body.justification }),
  );
  app.post(
    '/api/v1/alerts/:seq/verify',
    { config: { access: 'alerts.act' }, schema: { ...steps, body: VerifyBody, description: 'Step 3: characters, state and each vehicle descriptor checked against the captured image, each yes or no; any no closes the alert as a misread (R10, R28).' } },
    async (request) => act(request, { step: 'verify', input: request.body }),
  );
  app.post(
    '/api/v1/alerts/:seq/action',
    { config: { access: 'alerts.act' }, schema: { ...steps, body: ActionBody, description: 'Step 4: the enforcement action (stop, detention, recovery), only after the visual check.' } },
    async (request) => act(request, { step: 'action', action: request.body.action, ...(request.body.notes ? { notes: request.body.notes } : {}) }),
  );
  app.post(
    '/api/v1/alerts/:seq/disposition',
    { config: { access: 'alerts.act' }, schema: { ...steps, body: DispositionBody, description: 'Step 5: the disposition of the alert (R11).' } },
    async (request) => act(request, { step: 'disposition', disposition: request.body.disposition, ...(request.body.notes ? { notes: request.body.notes } : {}) }),
  );

  app.get(
    '/api/v1/alerts',
    { config: { access: 'alerts.history' }, schema: { tags: ['alerts'], querystring: HistoryQuery, response: { 200: HistoryPage }, description: 'Alert history with dispositions, newest first, under a stated purpose (X-Purpose-Id).' } },
    async (request) => {
      const ctx = await openGate(gate, request, 'alert.history');
      const q = request.query;
      return {
        alerts: await alerts.history(ctx, {
          ...(q.from ? { from: instant(q.from, 'from')! } : {}),
          ...(q.to ? { to: instant(q.to, 'to')! } : {}),
          ...(q.disposition ? { disposition: q.disposition } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.cameraId ? { cameraId: q.cameraId } : {}),
          ...(q.before ? { before: q.before } : {}),
          limit: q.limit ?? 50,
        }),
      };
    },
  );

  app.get(
    '/api/v1/alerts/accuracy',
    { config: { access: 'alerts.accuracy' }, schema: { tags: ['alerts'], querystring: AccuracyQuery, response: { 200: AccuracyReport }, description: 'R28: per camera, alerts raised, visual checks recorded and misreads (counts only). Default: the last 30 days.' } },
    async (request) => {
      const to = instant(request.query.to, 'to') ?? now();
      const from = instant(request.query.from, 'from') ?? to - 30 * DAY;
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cameras: await alerts.accuracy(from, to) };
    },
  );

  app.get(
    '/api/v1/alerts/accuracy/misreads.csv',
    { config: { access: 'alerts.accuracy' }, schema: { tags: ['alerts'], querystring: AccuracyQuery, description: 'R28: misread alerts as a correction set (plate read vs. plate on the image), CSV, under a stated purpose (?purpose=).' } },
    async (request, reply) => {
      const ctx = await openGate(gate, request, 'alert.misreads.export');
      const to = instant(request.query.to, 'to') ?? now();
      const from = instant(request.query.from, 'from') ?? to - 30 * DAY;
      const csv = await alerts.misreadCsv(ctx, from, to);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="misreads-${new Date(to).toISOString().slice(0, 10)}.csv"`).send(csv);
    },
  );

  app.get('/api/v1/alerts/subscriptions', { config: { access: 'alerts.view' }, schema: { tags: ['alerts'], response: { 200: SubscriptionView }, description: 'Your alert subscriptions (lists and cameras) and the choices.' } }, async (request) =>
    alerts.subscription(userOf(request).userId),
  );

  app.put(
    '/api/v1/alerts/subscriptions',
    { config: { access: 'alerts.view' }, schema: { tags: ['alerts'], body: Subscription, response: { 200: SubscriptionView }, description: 'Sets which lists and cameras (areas) send you alerts; null means all you may see.' } },
    async (request) => alerts.setSubscription(userOf(request), request.body.lists, request.body.cameras, originOf(request)),
  );
}
