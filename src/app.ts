// The composition root: builds every room from the configuration and wires them together. Rooms
// get only what they use (STYLE 2).
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AccessService } from './access/access.service.js';
import { registerAccessRoutes } from './access/access.routes.js';
import { registerApprovalRoutes } from './access/approvals.routes.js';
import { ApprovalsService } from './access/approvals.service.js';
import { JobTitlesService } from './access/job-titles.service.js';
import { createAuthorizer } from './access/authorize.js';
import { registerDeviceRoutes } from './access/devices.routes.js';
import { DevicesService } from './access/devices.service.js';
import { ApprovalReviewJob, InactivitySuspensionJob } from './access/lifecycle.job.js';
import { registerLifecycleRoutes } from './access/lifecycle.routes.js';
import { LifecycleService } from './access/lifecycle.service.js';
import { registerMfaRoutes } from './access/mfa.routes.js';
import { MfaService } from './access/mfa.service.js';
import { AuthorizationsService } from './access/purpose-authorizations.js';
import { PurposeGate } from './access/purpose-gate.js';
import { registerPurposeRoutes } from './access/purpose.routes.js';
import { registerTrainingRoutes } from './access/training.routes.js';
import { TrainingService } from './access/training.service.js';
import { registerAlertRoutes } from './alerts/alerts.routes.js';
import { HotListDownloadJob, HotListRetentionJob } from './hotlists/hotlists.jobs.js';
import { registerHotListRoutes } from './hotlists/hotlists.routes.js';
import { EdgeFeedBuilder } from './hotlists/edge-feed.js';
import { registerEdgeFeedRoutes } from './hotlists/edge-feed.routes.js';
import { HotListsService } from './hotlists/hotlists.service.js';
import { AlertsService } from './alerts/alerts.service.js';
import { AccessLog, SYSTEM_ACTOR } from './audit/access-log.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { AuditDueJob } from './audit/audits.job.js';
import { registerAuditsRoutes } from './audit/audits.routes.js';
import { AuditsService } from './audit/audits.service.js';
import { MisuseScanJob } from './audit/misuse.job.js';
import { registerMisuseRoutes } from './audit/misuse.routes.js';
import { MisuseService } from './audit/misuse.service.js';
import { registerTransparencyRoutes } from './transparency/transparency.routes.js';
import { TransparencyService } from './transparency/transparency.service.js';
import { defaultSources } from './transparency/transparency.sources.js';
import { registerCameraRoutes } from './cameras/cameras.routes.js';
import { CameraAgencyJob, ownAgencyId } from './cameras/camera-agency.js';
import { CamerasService } from './cameras/cameras.service.js';
import { DemoNetworkRunner } from './demo/demo.runner.js';
import { ImageStore } from './ingest/image.store.js';
import { registerAdapterRoutes } from './ingest/adapter.routes.js';
import { createRecognitionRoom, type RecognitionRoom } from './recognition/index.js';
import { registerExportRoutes } from './exports/exports.routes.js';
import { ExportsService } from './exports/exports.service.js';
import { PlateIndex } from './search/plate-index.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { SearchService } from './search/search.service.js';
import { SearchStore } from './search/search.store.js';
import { AdapterService } from './ingest/adapter.service.js';
import { registerIngestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { frigateSnapshotFetcher } from './ingest/frigate-snapshots.js';
import { MqttSubscriber } from './ingest/mqtt.subscriber.js';
import { createReadSink } from './ingest/read-sink.js';
import { ReadWriter, type StoredRead } from './ingest/read-writer.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { openDatabase, type DatabaseHandle } from './platform/database.js';
import { EventBus } from './platform/events.js';
import { createHttpServer, type HttpServer } from './platform/http.js';
import { createLogger, type Logger } from './platform/logger.js';
import { Scheduler, type JobLease } from './platform/scheduler.js';
import { loadProfile, type PolicyProfile } from './policy/index.js';
import { ProfileService } from './policy/profile.service.js';
import { registerPolicyRoutes } from './policy/policy.routes.js';
import { connectRetention, createRetentionRoom, type RetentionRoom } from './retention/index.js';
import { registerRetentionRoutes } from './retention/retention.routes.js';
import { registerSharingRoutes } from './sharing/sharing.routes.js';
import { SharingService } from './sharing/sharing.service.js';
import { migrateToLatest } from './storage/migrate.js';
import { ReadPartitions, ReadPartitionsJob } from './storage/partitions.js';
import type { Tables } from './storage/tables.js';

/** Events between rooms, by name. */
export interface AppEvents extends Record<string, unknown> {
  'reads.stored': StoredRead[];
}

export interface App {
  config: Config;
  profile: PolicyProfile;
  database: DatabaseHandle<Tables>;
  http: HttpServer;
  events: EventBus<AppEvents>;
  clock: Clock;
  logger: Logger;
  access: AccessService;
  /** The hash-chained access log (R25; invariant 4). */
  accessLog: AccessLog;
  /** Sampling audits and their memoranda (R26–R28). */
  audits: AuditsService;
  /** Misuse signals over the access log and the geofences they watch (R22, R29). */
  misuse: MisuseService;
  /** The public transparency page's data (R43, R44); add sources with transparency.addSource. */
  transparency: TransparencyService;
  cameras: CamerasService;
  ingest: IngestService;
  /** Vendor adapters into ingest (issue 10). */
  adapters: AdapterService;
  /** Frigate over MQTT, when mqtt.url is set; started by listen(), stopped by close(). */
  mqtt: MqttSubscriber | undefined;
  writer: ReadWriter;
  images: ImageStore;
  demo: DemoNetworkRunner | undefined;
  /** Built-in plate recognition and snapshot cameras (issue 11), unless recognition.enabled is false. */
  recognition: RecognitionRoom | undefined;
  /** Second factors (R19). */
  mfa: MfaService;
  /** Agency devices (R19). */
  devices: DevicesService;
  /** Account lifecycle: suspensions, reinstatement, leaving, job titles (R18). */
  lifecycle: LifecycleService;
  /** Training courses and completions (R15). */
  training: TrainingService;
  /** Authorized job titles and per-user data sources (R16, R20). */
  authorizations: AuthorizationsService;
  /** The only way to an AccessContext: data-returning functions take one (invariant 1). */
  purposeGate: PurposeGate;
  /** Hot-list hits as alerts: live stream, verification workflow, dispositions (issue 5; R9–R12, R28). */
  alerts: AlertsService;
  /** Hot lists, entries, imports and the runtime matcher alerts call (issue 5; R5–R8, R12, R13, R37). */
  hotlists: HotListsService;
  /** Investigative search (issue 6): every kind takes an AccessContext. */
  search: SearchService;
  /** The distinct plates in memory behind partial and fuzzy search (a cluster's API nodes drop plates another process purged). */
  plateIndex: PlateIndex;
  /** The exports registry (R32): register(ctx, { format, description, recordCount, caseNumber }) for every copy that leaves. */
  exportsRegistry: ExportsService;
  /** Sharing with other agencies (issue 8; R34–R40); agenciesSharedWith() feeds the transparency page. */
  sharing: SharingService;
  /** Scheduled jobs; started by listen(), stopped by close(). */
  scheduler: Scheduler;
  /** Retention, legal holds, purge, outside copies, evidence bundles (issue 7; R30–R33). */
  retention: RetentionRoom;
  /** Bootstrap credentials when this start created the first administrator. */
  bootstrap: { username: string; password: string } | undefined;
  /** When agency devices are required and none is enrolled: a code to enroll the first one, printed at start. */
  firstDevice: { deviceId: string; enrollmentCode: string; enrollmentExpiresAt: number } | undefined;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Cluster roles (src/cluster): where ingest hands accepted reads instead of this process's database (the bus). */
  ingestWriter?: (database: DatabaseHandle<Tables>) => Pick<ReadWriter, 'write'>;
  /** Cluster roles: who may run a scheduled job now (a PostgreSQL lease, so each runs once across the cluster). */
  jobLease?: (database: DatabaseHandle<Tables>) => JobLease;
  /** Whether listen() starts the scheduled jobs (default true; a cluster's API role leaves them to the scheduler role). */
  runJobs?: boolean;
  /** Whether this start may create the first administrator and first device code (default true; a cluster leaves it to its API nodes). */
  firstStart?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The package root, from src/ (tsx) or dist/ (compiled). */
export const packageRoot = resolve(here, '..');

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.log.level);
  const fileProfile = loadProfile(config.profile);
  const database = await openDatabase<Tables>({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  const db = database.db;
  const events = new EventBus<AppEvents>();
  const accessLog = new AccessLog(database, clock, { organization: fileProfile.agency.ori ? `${fileProfile.agency.name} (${fileProfile.agency.ori})` : fileProfile.agency.name });
  // `access` is built below; approvals only counts administrators when a request arrives.
  const approvals: ApprovalsService = new ApprovalsService(db, clock, accessLog, (): Promise<number> => access.countActiveAdministrators());
  const profile = await new ProfileService(db, clock, accessLog, approvals, logger).reconcile(fileProfile, config.profile);

  const devices = new DevicesService(db, clock, accessLog, { required: profile.access.agencyDevicesOnly, enrollmentHours: 72 });
  const access = new AccessService(
    db,
    clock,
    {
      idleTimeoutMinutes: profile.access.idleTimeoutMinutes,
      lifetimeHours: profile.access.sessionLifetimeHours,
      lockoutAfterFailures: 5,
      lockoutMinutes: 15,
      twoFactorRequired: profile.access.twoFactorRequired,
      approvalReviewIntervalMonths: profile.access.approvalReviewIntervalMonths,
    },
    devices,
  );
  const mfa = new MfaService(db, clock, access, accessLog, { issuer: `Platekeeper ${profile.agency.shortName}` });
  const jobTitles = new JobTitlesService(db, clock, accessLog, approvals);
  await jobTitles.load(profile.access.authorizedJobTitles);
  const lifecycle = new LifecycleService(db, clock, access, accessLog, { ...profile.access, titles: jobTitles }, logger);
  const training = new TrainingService(db, clock, { retrainingIntervalMonths: profile.access.retrainingIntervalMonths, coordinatorTitle: profile.administrator.trainingCoordinatorTitle }, accessLog);
  const authorizations = new AuthorizationsService(db, clock, jobTitles, accessLog);
  const purposeGate = new PurposeGate({ db, clock, profile, training, authorizations, recorder: accessLog });
  // Single process: jobs run here. In a cluster, pass a PostgreSQL JobLease so each runs once (scheduler.ts).
  const scheduler = new Scheduler(clock, logger, options.jobLease?.(database)).add(new InactivitySuspensionJob(lifecycle)).add(new ApprovalReviewJob(lifecycle));
  const cameras = new CamerasService(db, clock, ownAgencyId(profile));
  scheduler.add(new CameraAgencyJob(cameras));
  const images = new ImageStore(resolve(config.dataDir, 'images'), config.ingest.maxImageBytes);
  // PostgreSQL: reads are partitioned by capture day; the writer creates a day before inserting it, the job keeps days ahead (#12).
  const partitions = database.dialect === 'postgres' ? new ReadPartitions(db, clock, { pastDays: config.ingest.maxPastDays, aheadDays: 7 }) : undefined;
  if (partitions) scheduler.add(new ReadPartitionsJob(partitions));
  const writer = new ReadWriter(createReadSink(database, partitions), (reads) => events.emit('reads.stored', reads));
  const knownImages = async (sha256s: string[]) =>
    new Set((await db.selectFrom('images').select('sha256').where('sha256', 'in', sha256s).execute()).map((row) => row.sha256));
  const ingest = new IngestService(options.ingestWriter?.(database) ?? writer, images, cameras, clock, config.ingest, knownImages);
  const adapters = new AdapterService(ingest, cameras, clock, {
    timeZone: config.ingest.vendorTimeZone,
    frigateCameras: config.mqtt.cameras,
    ...(config.mqtt.frigateApiUrl ? { frigateSnapshot: frigateSnapshotFetcher({ baseUrl: config.mqtt.frigateApiUrl, maxImageBytes: config.ingest.maxImageBytes }, logger) } : {}),
  });
  const mqtt = config.mqtt.url
    ? new MqttSubscriber({ url: config.mqtt.url, topicPrefix: config.mqtt.topicPrefix, ...(config.mqtt.clientId ? { clientId: config.mqtt.clientId } : {}) }, adapters, logger, clock)
    : undefined;

  const webRoot = join(packageRoot, 'web', 'dist');
  const http = await createHttpServer({
    logger,
    bodyLimit: config.ingest.maxBodyBytes,
    trustProxy: config.server.trustProxy,
    ...(existsSync(webRoot) ? { webRoot } : {}),
    version: version(),
    authorize: createAuthorizer(access, cameras),
  });
  registerAccessRoutes(http, access, { secureCookies: false, sessionHours: profile.access.sessionLifetimeHours }, accessLog, approvals);
  registerApprovalRoutes(http, { approvals, jobTitles, access, audit: accessLog });
  registerMfaRoutes(http, mfa, { secureCookies: false, sessionHours: profile.access.sessionLifetimeHours });
  registerDeviceRoutes(http, devices, { secureCookies: false });
  registerLifecycleRoutes(http, lifecycle);
  registerTrainingRoutes(http, training);
  registerPurposeRoutes(http, purposeGate, authorizations);
  registerPolicyRoutes(http, profile);
  registerCameraRoutes(http, cameras, accessLog);
  registerAuditRoutes(http, accessLog);
  const audits = new AuditsService(db, clock, accessLog, access, { audits: profile.audits, agencyName: profile.agency.name });
  scheduler.add(new AuditDueJob(audits, accessLog));
  registerAuditsRoutes(http, audits, profile.agency.name);
  const misuse = new MisuseService(db, clock, accessLog);
  scheduler.add(new MisuseScanJob(misuse));
  registerMisuseRoutes(http, misuse);
  const policyDocument = [join(packageRoot, 'policies', profile.policy.sourceFile), resolve(packageRoot, '..', 'shared', 'policies', profile.policy.sourceFile)].find((path) => existsSync(path));
  const transparency = new TransparencyService(profile, clock, defaultSources(db), logger, { policyDocumentPath: policyDocument });
  registerTransparencyRoutes(http, transparency);
  registerIngestRoutes(http, ingest);
  registerAdapterRoutes(http, adapters, cameras, config);
  const recognition = config.recognition.enabled
    ? createRecognitionRoom({ config, defaultModelDir: join(packageRoot, 'models'), confidenceThreshold: profile.recognition.confidenceThreshold, cameras, ingest, clock, logger, http, demo: config.demo.enabled })
    : undefined;
  const retention = createRetentionRoom({ db, clock, profile, audit: accessLog, images, ingest: writer, dataDir: config.dataDir, ...(partitions ? { partitions } : {}) });
  scheduler.add(retention.job);
  registerRetentionRoutes(http, retention, purposeGate, profile, clock);
  // Alerts: every stored read is matched; alert work never slows or fails ingest (it queues and logs).
  const hotlists = new HotListsService(db, clock, accessLog, profile, logger, { feedDir: resolve(config.dataDir, 'hotlist-feeds') });
  await hotlists.start();
  scheduler.add(new HotListDownloadJob(hotlists)).add(new HotListRetentionJob(hotlists));
  registerHotListRoutes(http, hotlists, purposeGate, { uploadDir: resolve(config.dataDir, 'hotlist-uploads') });
  registerEdgeFeedRoutes(http, new EdgeFeedBuilder(hotlists, clock, () => profile.hotLists.generalDownloadIntervalHours), accessLog);
  const alerts = new AlertsService(
    {
      db,
      clock,
      policy: profile.alerts,
      verifyBelow: profile.recognition.confidenceThreshold,
      gate: purposeGate,
      audit: accessLog,
      images,
      cameraName: async (id) => (await cameras.get(id)).name,
      cameraChoices: async () => (await cameras.list()).map((camera) => ({ id: camera.id, name: camera.name })),
      logger,
    },
    hotlists,
  );
  events.on('reads.stored', (reads) => alerts.onReadsStored(reads));
  registerAlertRoutes(http, alerts, purposeGate, () => clock.now().getTime());
  const searchStore = new SearchStore(db);
  const plateIndex = new PlateIndex(db);
  // Purged plates leave the search index too (invariant 3).
  retention.onPlatesDeleted((ids) => plateIndex.remove(ids));
  const search = new SearchService(searchStore, plateIndex, profile.recognition.confidenceThreshold);
  const exportsRegistry = new ExportsService(db, clock, accessLog, { maxDays: profile.retention.exports.maxDays });
  registerSearchRoutes(http, { gate: purposeGate, search, store: searchStore, images });
  registerExportRoutes(http, { gate: purposeGate, search, exports: exportsRegistry, agency: profile.agency.name, retentionDays: profile.retention.exports.maxDays });
  const sharing = new SharingService({ db, clock, profile, audit: accessLog, gate: purposeGate, exportsRegistry, outsideCopies: retention.outside });
  transparency.addSource({ name: 'sharing', collect: async () => ({ sharedWith: (await sharing.agenciesSharedWith()).map((agency) => agency.name) }) });
  connectRetention(retention, { exportsRegistry, hotlists, alerts: true });
  registerSharingRoutes(http, sharing);

  const bootstrap = options.firstStart === false ? undefined : await access.bootstrap(profile.agency.name);
  if (bootstrap) await accessLog.recordChange(SYSTEM_ACTOR, 'user.create', null, { username: bootstrap.username, roles: ['administrator'] }, { reason: 'first start: bootstrap administrator' });
  const firstDevice = options.firstStart === false ? undefined : await devices.firstStartEnrollment();
  const demo = config.demo.enabled ? new DemoNetworkRunner(cameras, ingest, clock, logger, config.demo.readsPerMinute, { service: hotlists, feedDir: resolve(config.dataDir, 'hotlist-feeds') }) : undefined;

  let closed = false;
  return {
    config,
    profile,
    database,
    http,
    events,
    clock,
    logger,
    access,
    accessLog,
    audits,
    misuse,
    transparency,
    mfa,
    devices,
    lifecycle,
    training,
    authorizations,
    purposeGate,
    alerts,
    hotlists,
    search,
    plateIndex,
    exportsRegistry,
    sharing,
    scheduler,
    retention,
    cameras,
    ingest,
    writer,
    images,
    demo,
    recognition,
    adapters,
    mqtt,
    bootstrap,
    firstDevice,
    async listen() {
      // The models load before the server takes requests: a missing or broken file stops the start here, naming it.
      await recognition?.start();
      const address = await http.listen({ host: config.server.host, port: config.server.port });
      cameras.startHealthFlush();
      if (options.runJobs !== false) scheduler.start();
      await demo?.start();
      mqtt?.start();
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await scheduler.stop();
      await demo?.stop();
      await mqtt?.stop();
      await recognition?.stop();
      await http.close();
      await writer.close();
      await alerts.idle();
      await hotlists.idle();
      await cameras.stop();
      await database.close();
    },
  };
}
