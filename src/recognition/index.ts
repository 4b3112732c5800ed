// The recognition room, built and wired in one call (issue 11): the service over the worker pool,
// snapshot frames into ingest, the poller for snapshot cameras, and the routes. start() loads the
// models (a missing or broken file stops the server start with its name) and starts the poller.
import type { CamerasService } from '../cameras/cameras.service.js';
import type { IngestService } from '../ingest/ingest.service.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { HttpServer } from '../platform/http.js';
import type { Logger } from '../platform/logger.js';
import { DemoSnapshotCamera } from './demo-snapshot.js';
import { registerRecognitionRoutes } from './recognition.routes.js';
import { RecognitionService } from './recognition.service.js';
import { SnapshotIngest } from './snapshot.ingest.js';
import { SnapshotPoller } from './snapshot.poller.js';

export { RecognitionService } from './recognition.service.js';
export { SnapshotIngest } from './snapshot.ingest.js';

export interface RecognitionRoom {
  service: RecognitionService;
  snapshots: SnapshotIngest;
  poller: SnapshotPoller;
  /** Loads the models in every worker and starts polling snapshot cameras. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RecognitionRoomInput {
  config: Pick<Config, 'recognition' | 'ingest'>;
  /** Where the shipped models are, when config recognition.modelDir does not say. */
  defaultModelDir: string;
  confidenceThreshold: number;
  cameras: CamerasService;
  ingest: Pick<IngestService, 'ingest'>;
  clock: Clock;
  logger: Logger;
  http: HttpServer;
  /** The demo network is on: add its snapshot camera (generated frames). */
  demo?: boolean;
}

export function createRecognitionRoom(input: RecognitionRoomInput): RecognitionRoom {
  const { config } = input;
  const service = new RecognitionService({
    modelDir: config.recognition.modelDir ?? input.defaultModelDir,
    workers: config.recognition.workers,
    queue: config.recognition.queue,
    confidenceThreshold: input.confidenceThreshold,
    logger: input.logger,
  });
  const snapshots = new SnapshotIngest(service, input.ingest, input.cameras, input.clock, config.ingest.maxImageBytes);
  const poller = new SnapshotPoller(input.cameras, snapshots, input.logger, { maxImageBytes: config.ingest.maxImageBytes });
  registerRecognitionRoutes(input.http, service, snapshots, { maxImageBytes: config.ingest.maxImageBytes });
  const demo = input.demo ? new DemoSnapshotCamera(input.cameras, snapshots, input.logger) : undefined;
  return {
    service,
    snapshots,
    poller,
    async start() {
      await service.start();
      poller.start();
      await demo?.start();
    },
    async stop() {
      await demo?.stop();
      await poller.stop();
      await service.close();
    },
  };
}
