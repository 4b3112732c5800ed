// The cluster's bus (issue 12): a NATS JetStream connection and the few names every role agrees on.
// Reads travel on one stream that API nodes publish to and two durable pull consumers drain:
// `writer` (into PostgreSQL) and `matcher` (hot lists → alerts). Alerts raised and hot-list changes
// are plain NATS subjects: they only wake other processes, which then read PostgreSQL, so a lost
// notice delays, never loses (each listener also polls).
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { unavailable } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';

export const READS_STREAM = 'PLATEKEEPER_READS';
export const READS_SUBJECT = 'platekeeper.reads';
/** Durable consumers of the reads stream, one per consuming role. */
export const CONSUMERS = { writer: 'writer', matcher: 'matcher' } as const;
/** Core NATS subjects: "alerts up to here are committed" and "a hot list changed". */
export const ALERTS_SUBJECT = 'platekeeper.alerts.raised';
export const HOTLISTS_SUBJECT = 'platekeeper.hotlists.changed';
/** Core NATS subject: "a workflow step was recorded on alert n" (other API nodes update their streams). */
export const ALERT_STEPS_SUBJECT = 'platekeeper.alerts.step';
/** Core NATS subject: "a purge deleted these plates" (API nodes drop them from the search index, writers from their plate-id cache). */
export const PLATES_DELETED_SUBJECT = 'platekeeper.plates.deleted';

/** How long a consumer waits for an ack before it hands the message to another process. */
export const ACK_WAIT_MS = 10_000;
const NANOS = 1_000_000;

export interface Bus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** The servers, for messages. */
  servers: string;
  close(): Promise<void>;
}

export interface BusOptions {
  /** nats://host:port[,nats://host:port…] */
  url: string;
  /** Replicas of the reads stream (at most the number of NATS nodes). */
  replicas: number;
  /** A name for the connection (shown by nats-server's monitoring), e.g. `platekeeper-api-1234`. */
  name: string;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Connects (retrying for ever once connected: a NATS node restarting is routine) and makes sure the stream and both consumers exist. */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const servers = options.url.split(',').map((s) => s.trim()).filter(Boolean);
  let nc: NatsConnection;
  try {
    nc = await connect({ servers, name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 5_000 });
  } catch (error) {
    throw unavailable('bus_unreachable', `Cannot reach NATS at ${servers.join(', ')}: ${(error as Error).message}. Is nats-server running with JetStream (-js), and the bus URL right?`);
  }
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') options.logger.warn({ bus: status.type, server: (status as { server?: string }).server }, `bus: ${status.type}`);
    }
  })();
  const jsm = await jetstreamManager(nc, { timeout: 10_000 });
  await ensureStream(jsm, options.replicas);
  return {
    nc,
    js: jetstream(nc, { timeout: 10_000 }),
    jsm,
    servers: servers.join(','),
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * The reads stream keeps a message until both consumers acknowledged it (interest retention), so
 * the bus holds no read longer than it takes to store and match it. Both consumers are created
 * here, by whichever process starts first: a read published before the writer ever ran is kept.
 * Publishes are deduplicated on the read id (Nats-Msg-Id) within the duplicate window.
 */
async function ensureStream(jsm: JetStreamManager, replicas: number): Promise<void> {
  const config = {
    name: READS_STREAM,
    subjects: [READS_SUBJECT],
    retention: 'interest' as const,
    storage: 'file' as const,
    num_replicas: replicas,
    duplicate_window: 10 * 60_000 * NANOS,
    max_msg_size: 32 * 1024 * 1024,
  };
  await retryWhileElecting(async () => {
    try {
      await jsm.streams.info(READS_STREAM);
    } catch (error) {
      if (!notFound(error, 10059)) throw error;
      await jsm.streams.add(config).catch((added: unknown) => {
        // Another process created it between our look and our add.
        if (!/already in use|already exists/i.test((added as Error).message)) throw added;
      });
    }
    for (const durable of Object.values(CONSUMERS)) {
      // An existing consumer keeps its settings (and its place in the stream); only a missing one is made.
      const exists = await jsm.consumers.info(READS_STREAM, durable).then(
        () => true,
        (error: unknown) => {
          if (notFound(error, 10014)) return false;
          throw error;
        },
      );
      if (exists) continue;
      await jsm.consumers.add(READS_STREAM, {
        durable_name: durable,
        ack_policy: 'explicit',
        deliver_policy: 'all',
        ack_wait: ACK_WAIT_MS * NANOS,
        max_deliver: -1,
        max_ack_pending: 20_000,
      });
    }
  });
}

/** JetStream's "stream not found" (10059) or "consumer not found" (10014). */
const notFound = (error: unknown, code: number): boolean => (error as { code?: number }).code === code || /not found/i.test((error as Error).message);

/** Stream and consumer creation fail for a few seconds while a fresh NATS cluster elects its meta leader. */
async function retryWhileElecting(work: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if (attempt >= 40) throw unavailable('bus_not_ready', `NATS JetStream is not ready: ${(error as Error).message}. Do the NATS nodes see each other (--routes), and is JetStream on (-js)?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
