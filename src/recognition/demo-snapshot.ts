// One snapshot camera in the demo network (issue 11): a demo camera with adapter "snapshot" whose
// frames are drawn by the demo's vehicle renderer (a rear view with its plate) and read by the
// built-in recognizer, so a new install sees image → recognition → read without a real camera.
// One frame every few seconds: a light load next to the rest of the demo.
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import { renderVehicleImage } from '../demo/images.js';
import { createRandom, randomVehicle, EL_CAJON_CENTER } from '../demo/index.js';
import type { Logger } from '../platform/logger.js';
import type { SnapshotIngest } from './snapshot.ingest.js';

export const DEMO_SNAPSHOT_CAMERA = 'Demo snapshot camera (built-in recognition)';

export class DemoSnapshotCamera {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly rng = createRandom(1123);

  constructor(
    private readonly cameras: CamerasService,
    private readonly snapshots: Pick<SnapshotIngest, 'frame'>,
    private readonly logger: Logger,
    private readonly everyMs = 10_000,
  ) {}

  private async principal(): Promise<CameraPrincipal | undefined> {
    const existing = (await this.cameras.list()).find((camera) => camera.origin === 'demo' && camera.name === DEMO_SNAPSHOT_CAMERA);
    const camera =
      existing ??
      (
        await this.cameras.register(
          {
            name: DEMO_SNAPSHOT_CAMERA,
            kind: 'fixed',
            adapter: 'snapshot',
            location: { lat: EL_CAJON_CENTER.lat + 0.002, lon: EL_CAJON_CENTER.lon - 0.003 },
            direction: 180,
            placement: 'public_view',
            attestation: true,
            notes: 'Simulated plain IP camera of the demo network: generated frames, read by Platekeeper itself. Turn the demo off with --no-demo.',
          },
          'platekeeper-demo',
          'demo',
        )
      ).camera;
    if (camera.status !== 'active') return undefined;
    return { kind: 'camera', cameraId: camera.id, keyId: 'demo', cameraKind: 'fixed', adapter: 'snapshot', location: camera.location, agencyId: camera.agencyId };
  }

  async start(): Promise<void> {
    const principal = await this.principal();
    if (!principal) return;
    const tick = () => {
      this.running = this.frame(principal).finally(() => {
        this.running = undefined;
        if (this.timer) this.timer = setTimeout(tick, this.everyMs).unref();
      });
    };
    this.timer = setTimeout(tick, 1_000).unref();
  }

  private async frame(principal: CameraPrincipal): Promise<void> {
    try {
      const vehicle = randomVehicle(this.rng);
      // A caption with the time makes each frame new, as a live camera's are.
      await this.snapshots.frame(principal, await renderVehicleImage(vehicle, { caption: `${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC · demo snapshot` }));
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'demo snapshot camera: frame not read');
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
