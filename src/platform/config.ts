// Configuration, validated once at start into a typed object (STYLE 5). Sources, later wins:
// built-in defaults < config file (YAML) < environment < command-line flags. Nothing else in the
// code base reads process.env.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { AppError } from './errors.js';

/** One recognition worker per two cores: the rest of the server keeps a core (issue 11). */
const RECOGNITION_WORKERS = Math.max(1, Math.floor(availableParallelism() / 2));

const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({ minLength: 1, default: './data', description: 'Folder for the SQLite database and images.' }),
    databaseUrl: Type.Optional(
      Type.String({ pattern: '^(postgres(ql)?|sqlite)://', description: 'postgres://… for PostgreSQL; omit for SQLite in dataDir.' }),
    ),
    profile: Type.String({ minLength: 1, default: 'ca-doj-template', description: 'Policy profile name in profiles/ or a path to a YAML file.' }),
    server: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        trustProxy: Type.Boolean({ default: false }),
      },
      { default: {} },
    ),
    demo: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Run the simulated camera network (turn off in production).' }),
        readsPerMinute: Type.Integer({ minimum: 1, maximum: 60000, default: 240 }),
      },
      { default: {} },
    ),
    ingest: Type.Object(
      {
        maxBatchReads: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
        maxFutureSkewSeconds: Type.Integer({ minimum: 0, maximum: 3600, default: 300 }),
        maxPastDays: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'Oldest capture time accepted (edge units catch up after outages).' }),
        maxImageBytes: Type.Integer({ minimum: 1024, maximum: 20_000_000, default: 2_000_000 }),
        maxBodyBytes: Type.Integer({ minimum: 1024, maximum: 200_000_000, default: 50_000_000 }),
        vendorTimeZone: Type.String({
          minLength: 1,
          default: 'America/Los_Angeles',
          description: 'IANA time zone of vendor clock times sent without a zone (Blue Iris alert times); checked at start.',
        }),
      },
      { default: {} },
    ),
    mqtt: Type.Object(
      {
        url: Type.Optional(
          Type.String({ pattern: '^mqtts?://', description: 'Broker that Frigate publishes to, e.g. mqtt://user:password@127.0.0.1:1883; omit to not subscribe.' }),
        ),
        topicPrefix: Type.String({ minLength: 1, pattern: '^[^#+]+$', default: 'frigate', description: "Frigate's mqtt.topic_prefix." }),
        cameras: Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), {
          default: {},
          description: 'Frigate camera name → Platekeeper camera id (its adapter must be frigate). Messages from cameras not listed are ignored.',
        }),
        frigateApiUrl: Type.Optional(
          Type.String({ pattern: '^https?://', description: "Frigate's HTTP API, e.g. http://frigate.local:5000: when set, each Frigate read gets its event's snapshot (GET /api/events/<id>/snapshot.jpg) as the vehicle image; omit to store reads without images." }),
        ),
        clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'MQTT client id. Set one to keep a persistent session (the broker holds QoS 1 messages while Platekeeper restarts); default platekeeper-<random>, a clean session.' })),
      },
      { default: {} },
    ),
    cluster: Type.Object(
      {
        role: Type.Union([Type.Literal('all'), Type.Literal('api'), Type.Literal('writer'), Type.Literal('matcher'), Type.Literal('scheduler')], {
          default: 'all',
          description: 'Process role (deploy/README.md): all = the single process; api, writer, matcher, scheduler = one part of a cluster (PostgreSQL and busUrl required).',
        }),
        busUrl: Type.Optional(Type.String({ pattern: '^nats://', description: 'NATS JetStream servers for a cluster, comma-separated: nats://10.0.0.1:4222,nats://10.0.0.2:4222.' })),
        streamReplicas: Type.Integer({ minimum: 1, maximum: 5, default: 1, description: 'Replicas of the reads stream (3 on a three-node NATS cluster).' }),
      },
      { default: {} },
    ),
    recognition: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Built-in plate recognition (issue 11): POST /api/v1/recognize, snapshot cameras. Off: neither, and no models are loaded.' }),
        workers: Type.Integer({ minimum: 1, maximum: 32, default: RECOGNITION_WORKERS, description: 'Recognition worker threads (default: half the CPU cores, at least 1).' }),
        queue: Type.Integer({ minimum: 0, maximum: 10_000, default: 8, description: 'Images that may wait for a free worker; more are refused with 503 "recognition queue full".' }),
        modelDir: Type.Optional(Type.String({ minLength: 1, description: 'Folder with plate-reader.onnx/.json and plate-detector.onnx/.json (default: the models/ folder shipped with Platekeeper).' })),
      },
      { default: {} },
    ),
    log: Type.Object(
      { level: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('silent')], { default: 'info' }) },
      { default: {} },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

/** Environment variables and the config key each one sets. */
const ENVIRONMENT: Record<string, string> = {
  PLATEKEEPER_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  PLATEKEEPER_DATABASE_URL: 'databaseUrl',
  PLATEKEEPER_PROFILE: 'profile',
  PLATEKEEPER_HOST: 'server.host',
  PLATEKEEPER_PORT: 'server.port',
  PLATEKEEPER_DEMO: 'demo.enabled',
  PLATEKEEPER_LOG_LEVEL: 'log.level',
  PLATEKEEPER_MQTT_URL: 'mqtt.url',
  PLATEKEEPER_ROLE: 'cluster.role',
  PLATEKEEPER_BUS_URL: 'cluster.busUrl',
  PLATEKEEPER_STREAM_REPLICAS: 'cluster.streamReplicas',
};

type Layer = Record<string, unknown>;

function setPath(target: Layer, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
    node = node[key] as Layer;
  }
  node[keys[keys.length - 1]!] = value;
}

function merge(base: Layer, layer: Layer): Layer {
  const out: Layer = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const existing = out[key];
    out[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof existing === 'object' && existing !== null
        ? merge(existing as Layer, value as Layer)
        : value;
  }
  return out;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export interface ConfigSources {
  env?: Record<string, string | undefined>;
  /** Flat key paths from the command line, e.g. { 'server.port': '9090' }. */
  flags?: Record<string, unknown>;
  /** Explicit config file; otherwise `<dataDir>/platekeeper.yaml` or PLATEKEEPER_CONFIG if present. */
  configFile?: string;
}

export function configError(message: string): AppError {
  return new AppError('invalid_config', 400, message);
}

function readConfigFile(path: string): Layer {
  try {
    const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the top level must be a mapping of keys');
    return parsed as Layer;
  } catch (error) {
    throw configError(`Config file ${path} cannot be read: ${(error as Error).message}`);
  }
}

/** Builds the validated configuration, or throws an AppError naming the key and what is allowed. */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  const fromEnv: Layer = {};
  for (const [name, path] of Object.entries(ENVIRONMENT)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(fromEnv, path, value);
  }
  const fromFlags: Layer = {};
  for (const [path, value] of Object.entries(sources.flags ?? {})) if (value !== undefined) setPath(fromFlags, path, value);

  const dataDir = String(fromFlags.dataDir ?? fromEnv.dataDir ?? './data');
  const file = sources.configFile ?? env.PLATEKEEPER_CONFIG ?? resolve(dataDir, 'platekeeper.yaml');
  if (sources.configFile !== undefined && !existsSync(file)) throw configError(`Config file ${file} does not exist.`);
  const fromFile = existsSync(file) ? readConfigFile(file) : {};

  const merged = merge(merge(fromFile, fromEnv), fromFlags);
  const withDefaults = Value.Default(ConfigSchema, merged);
  const converted = Value.Convert(ConfigSchema, withDefaults);
  const first = Value.Errors(ConfigSchema, converted)[0];
  if (first) {
    const key = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
    const hint = first.keyword === 'additionalProperties' ? `unknown key; allowed keys: ${Object.keys(ConfigSchema.properties).join(', ')}` : first.message;
    throw configError(`Invalid configuration value for "${key}": ${hint}.`);
  }
  const config = converted as Config;
  if (!isTimeZone(config.ingest.vendorTimeZone)) {
    throw configError(`Invalid configuration value for "ingest.vendorTimeZone": "${config.ingest.vendorTimeZone}" is not an IANA time zone (e.g. America/Los_Angeles).`);
  }
  return config;
}
