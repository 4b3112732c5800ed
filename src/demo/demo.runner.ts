// Runs the demo camera network inside the server: registers the simulated cameras once (marked
// origin "demo", so they are easy to tell apart and to remove) and feeds their reads through the
// same ingest path as real cameras.
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import type { IngestService } from '../ingest/ingest.service.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { DEMO_HOT_LIST_NAME, ensureDemoHotList, type DemoHotLists } from './demo-hotlist.js';
import { createDemoFeed, demoNetwork, type DemoCameraSpec } from './index.js';

export class DemoNetworkRunner {
  private feed: ReturnType<typeof createDemoFeed> | undefined;

  constructor(
    private readonly cameras: CamerasService,
    private readonly ingest: IngestService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly readsPerMinute: number,
    /** Where the demo's hot list comes from (demo-hotlist.ts); absent: no demo list. */
    private readonly hotlists?: { service: DemoHotLists; feedDir: string },
  ) {}

  /** Registers any demo camera not yet in the registry; returns camera principals by slug. */
  async ensureCameras(): Promise<Map<string, CameraPrincipal>> {
    const specs = demoNetwork();
    const existing = new Map((await this.cameras.list()).filter((camera) => camera.origin === 'demo').map((camera) => [camera.name, camera]));
    const out = new Map<string, CameraPrincipal>();
    for (const spec of specs) {
      const camera = existing.get(spec.name) ?? (await this.register(spec));
      if (camera.status !== 'active') continue;
      out.set(spec.slug, { kind: 'camera', cameraId: camera.id, keyId: 'demo', cameraKind: camera.kind, adapter: 'native', location: camera.location, agencyId: camera.agencyId });
    }
    return out;
  }

  private async register(spec: DemoCameraSpec) {
    const start = spec.location ?? spec.route?.[0];
    const { camera } = await this.cameras.register(
      {
        name: spec.name,
        kind: spec.kind,
        ...(start ? { location: start } : {}),
        ...(spec.direction !== undefined ? { direction: spec.direction } : {}),
        placement: 'public_view',
        attestation: true,
        notes: 'Simulated camera of the demo network. Turn the demo off with --no-demo or demo.enabled: false.',
      },
      'platekeeper-demo',
      'demo',
    );
    return camera;
  }

  async start(): Promise<void> {
    const principals = await this.ensureCameras();
    this.feed = createDemoFeed({
      now: () => this.clock.now(),
      readsPerMinute: this.readsPerMinute,
      submit: async (slug, reads) => {
        const principal = principals.get(slug);
        if (principal) await this.ingest.ingest(principal, reads, 'partial');
      },
      onError: (error) => this.logger.warn({ err: error }, 'demo feed: a batch was not stored'),
    });
    if (this.hotlists) {
      const feed = this.feed;
      await ensureDemoHotList(this.hotlists.service, this.hotlists.feedDir, (count) => feed.regulars(count), this.clock.now())
        .then((outcome) => outcome === 'created' && this.logger.info(`demo: hot list "${DEMO_HOT_LIST_NAME}" created; designate it under Hot lists to see alerts`))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'demo: the demo hot list was not created'));
    }
    this.feed.start();
    this.logger.info({ cameras: principals.size, readsPerMinute: this.readsPerMinute }, 'demo camera network started (turn off with --no-demo)');
  }

  async stop(): Promise<void> {
    await this.feed?.stop();
    this.feed = undefined;
  }
}
