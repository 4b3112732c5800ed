// The cluster roles of `platekeeper serve --role …` (issue 12; deploy/README.md). One binary, four
// parts, each runnable as many times as the load needs:
// - api: the HTTP API and web app. Accepted reads go to the reads stream (acknowledged once
//   JetStream stored them); alerts reach this node's live-stream clients from PostgreSQL when a
//   matcher announces them. Runs no scheduled jobs.
// - writer: drains the stream into PostgreSQL in groups (the single process's PostgreSQL sink).
// - matcher: drains the same stream through the hot lists and stores each alert once.
// - scheduler: the scheduled jobs, each run once across the cluster (a PostgreSQL lease).
// `--role all` (the default) is the single process and never comes here.
import { createApp, type App } from '../app.js';
import { createReadSink } from '../ingest/read-sink.js';
import type { Config } from '../platform/config.js';
import { openDatabase, type DatabaseHandle } from '../platform/database.js';
import { AppError } from '../platform/errors.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { migrateToLatest } from '../storage/migrate.js';
import { ReadPartitions } from '../storage/partitions.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Tables } from '../storage/tables.js';
import { orderedAlertInsert } from './alert-order.js';
import { BatchConsumer } from './batch-consumer.js';
import { ALERT_STEPS_SUBJECT, ALERTS_SUBJECT, CONSUMERS, connectBus, HOTLISTS_SUBJECT, PLATES_DELETED_SUBJECT, READS_STREAM, type Bus } from './bus.js';
import { PostgresJobLease } from './job-lease.js';
import { ReadPublisher } from './read-publisher.js';
import { cameraAgencies, writeGroup } from './writer.js';

export type ClusterRole = 'api' | 'writer' | 'matcher' | 'scheduler';

export interface RunningRole {
  role: ClusterRole;
  /** The HTTP address (api only). */
  address: string | undefined;
  /** The whole app (api, matcher, scheduler), for the first-start messages and tests. */
  app: App | undefined;
  database: DatabaseHandle<Tables>;
  bus: Bus;
  close(): Promise<void>;
}

/** How often a node looks for alerts and hot-list changes it may have missed a notice of. */
const POLL_MS = 2_000;
const MATCHER_RELOAD_MS = 60_000;
const WRITER_BATCH = 1_000;
const MATCHER_BATCH = 1_000;

/** Refuses a cluster role without PostgreSQL and a bus, saying what to set. */
export function checkClusterConfig(config: Config): { role: ClusterRole; busUrl: string } {
  const role = config.cluster.role;
  if (role === 'all') throw new AppError('invalid_config', 400, 'checkClusterConfig is for the cluster roles; --role all runs the single process.');
  if (!config.databaseUrl || !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    throw Object.assign(new AppError('invalid_config', 400, `--role ${role} runs as part of a cluster, which shares one PostgreSQL database: set --database-url postgres://… (SQLite is for the single process, --role all).`), { exitCode: 64 });
  }
  if (!config.cluster.busUrl) {
    throw Object.assign(new AppError('invalid_config', 400, `--role ${role} needs the cluster's NATS JetStream servers: set --bus nats://host:4222[,nats://…] (or cluster.busUrl / PLATEKEEPER_BUS_URL).`), { exitCode: 64 });
  }
  return { role, busUrl: config.cluster.busUrl };
}

/** `clock`: the apps' clock (tests that move time run the roles on a fake one); the system clock otherwise. */
export interface RoleOptions {
  clock?: Clock;
}

export async function startRole(config: Config, logger: Logger = createLogger(config.log.level), options: RoleOptions = {}): Promise<RunningRole> {
  const { role, busUrl } = checkClusterConfig(config);
  const bus = await connectBus({ url: busUrl, replicas: config.cluster.streamReplicas, name: `platekeeper-${role}-${process.pid}`, logger });
  try {
    switch (role) {
      case 'api':
        return await startApi(config, bus, logger, options);
      case 'writer':
        return await startWriter(config, bus, logger, options);
      case 'matcher':
        return await startMatcher(config, bus, logger, options);
      case 'scheduler':
        return await startScheduler(config, bus, logger, options);
    }
  } catch (error) {
    await bus.close();
    throw error;
  }
}

/** Tells every API node and writer that a purge deleted these plates (in pieces well under NATS's 1 MB message limit). */
export function announcePlatesDeleted(bus: Bus, ids: readonly number[]): void {
  for (let i = 0; i < ids.length; i += 50_000) bus.nc.publish(PLATES_DELETED_SUBJECT, JSON.stringify(ids.slice(i, i + 50_000)));
}

/** Matcher and scheduler build the app for its services, not to take reads: no demo network, no recognition. */
const workerConfig = (config: Config): Config => ({ ...config, demo: { ...config.demo, enabled: false }, recognition: { ...config.recognition, enabled: false } });

/** Tells the other processes when this one changed a hot list, and reloads when another did. */
function syncHotLists(app: App, bus: Bus, logger: Logger): () => void {
  const me = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  app.hotlists.onChanged(() => bus.nc.publish(HOTLISTS_SUBJECT, me));
  const sub = bus.nc.subscribe(HOTLISTS_SUBJECT, {
    callback: (_error, message) => {
      if (message.string() === me) return;
      app.hotlists.reload().catch((error: unknown) => logger.error({ err: error }, 'cluster: reloading hot lists failed'));
    },
  });
  return () => sub.unsubscribe();
}

async function startApi(config: Config, bus: Bus, logger: Logger, options: RoleOptions): Promise<RunningRole> {
  const app = await createApp(config, { ...options, logger, runJobs: false, ingestWriter: (database) => new ReadPublisher(bus.js, database.db, createReadSink(database)) });
  const deliver = () => void app.alerts.deliverCommitted().catch((error: unknown) => logger.error({ err: error }, 'cluster: delivering alerts failed; retried at the next notice'));
  await app.alerts.deliverCommitted(); // notes where the alerts stand: this node delivers what comes after
  const alertsSub = bus.nc.subscribe(ALERTS_SUBJECT, { callback: deliver });
  const poll = setInterval(deliver, POLL_MS);
  poll.unref();
  const stopSync = syncHotLists(app, bus, logger);
  // Workflow steps recorded here show on the other nodes' streams too.
  const me = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  app.alerts.onStep((seq) => bus.nc.publish(ALERT_STEPS_SUBJECT, JSON.stringify({ seq, from: me })));
  const stepsSub = bus.nc.subscribe(ALERT_STEPS_SUBJECT, {
    callback: (_error, message) => {
      const { seq, from } = message.json<{ seq: number; from: string }>();
      if (from !== me) app.alerts.announceStep(seq).catch((error: unknown) => logger.warn({ err: error, seq }, 'cluster: announcing an alert step failed'));
    },
  });
  // Plates a purge deleted (in the scheduler) leave this node's search index too (invariant 3).
  const platesSub = bus.nc.subscribe(PLATES_DELETED_SUBJECT, { callback: (_error, message) => void app.plateIndex.remove(message.json<number[]>()) });
  const address = await app.listen();
  return {
    role: 'api',
    address,
    app,
    database: app.database,
    bus,
    close: async () => {
      clearInterval(poll);
      alertsSub.unsubscribe();
      stepsSub.unsubscribe();
      platesSub.unsubscribe();
      stopSync();
      await app.close();
      await bus.close();
    },
  };
}

async function startWriter(config: Config, bus: Bus, logger: Logger, options: RoleOptions): Promise<RunningRole> {
  const database = await openDatabase<Tables>({ databaseUrl: config.databaseUrl!, dataDir: config.dataDir });
  await migrateToLatest(database.db, database.dialect);
  // The day partitions of `reads` (PostgreSQL): created before a new day's first insert, as the single process does.
  const sink = createReadSink(database, new ReadPartitions(database.db, options.clock ?? systemClock, { pastDays: config.ingest.maxPastDays, aheadDays: 7 }));
  // A purge in the scheduler deleted plates: forget their cached ids before a group refers to one.
  const platesSub = bus.nc.subscribe(PLATES_DELETED_SUBJECT, { callback: () => void sink.forgetPlates() });
  const agencies = cameraAgencies(database.db);
  const consumer = new BatchConsumer(await bus.js.consumers.get(READS_STREAM, CONSUMERS.writer), async (batch) => void (await writeGroup(sink, batch, agencies)), { maxBatch: WRITER_BATCH, logger, name: CONSUMERS.writer });
  await consumer.start();
  return {
    role: 'writer',
    address: undefined,
    app: undefined,
    database,
    bus,
    close: async () => {
      platesSub.unsubscribe();
      await consumer.stop();
      await bus.close();
      await sink.close();
      await database.close();
    },
  };
}

async function startMatcher(config: Config, bus: Bus, logger: Logger, options: RoleOptions): Promise<RunningRole> {
  const app = await createApp(workerConfig(config), { ...options, logger, runJobs: false, firstStart: false });
  app.alerts.useAlertInserter(orderedAlertInsert);
  const stopSync = syncHotLists(app, bus, logger);
  // A missed change notice costs at most this long.
  const reload = setInterval(() => void app.hotlists.reload().catch((error: unknown) => logger.error({ err: error }, 'cluster: reloading hot lists failed')), MATCHER_RELOAD_MS);
  reload.unref();
  const consumer = new BatchConsumer(
    await bus.js.consumers.get(READS_STREAM, CONSUMERS.matcher),
    async (batch) => {
      const raised = await app.alerts.raiseNow(batch.map((message) => message.read));
      if (raised.length) bus.nc.publish(ALERTS_SUBJECT, JSON.stringify({ seqs: raised.map((row) => row.seq) }));
    },
    { maxBatch: MATCHER_BATCH, logger, name: CONSUMERS.matcher },
  );
  await consumer.start();
  return {
    role: 'matcher',
    address: undefined,
    app,
    database: app.database,
    bus,
    close: async () => {
      clearInterval(reload);
      stopSync();
      await consumer.stop();
      await app.close();
      await bus.close();
    },
  };
}

async function startScheduler(config: Config, bus: Bus, logger: Logger, options: RoleOptions): Promise<RunningRole> {
  const app = await createApp(workerConfig(config), { ...options, logger, firstStart: false, jobLease: (database) => new PostgresJobLease(database.db) });
  const stopSync = syncHotLists(app, bus, logger);
  app.retention.onPlatesDeleted((ids) => announcePlatesDeleted(bus, ids));
  app.scheduler.start();
  return {
    role: 'scheduler',
    address: undefined,
    app,
    database: app.database,
    bus,
    close: async () => {
      stopSync();
      await app.close();
      await bus.close();
    },
  };
}
