// The snapshot poller (issue 11): every active snapshot camera with a URL is fetched at its
// interval, one fetch at a time per camera, and each JPEG goes to SnapshotIngest. A fetch that fails
// or times out, an answer that is not an image, a full recognition queue: each shows on the
// camera's health (Ingest health) and the poller carries on. The camera list is read again every
// few seconds, so a camera added, changed or disabled is picked up without a restart.
import { createHash } from 'node:crypto';
import type { CameraPrincipal, CamerasService } from '../cameras/cameras.service.js';
import { redactUrl } from '../cameras/cameras.service.js';
import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { SnapshotIngest } from './snapshot.ingest.js';

export interface SnapshotSource {
  cameraId: string;
  url: string;
  intervalSeconds: number;
}

export interface PollerOptions {
  maxImageBytes: number;
  /** Longest wait for one snapshot (capped at the camera's interval, at least a second). */
  timeoutMs?: number;
  /** How often the camera list is read again. */
  refreshMs?: number;
  tickMs?: number;
}

interface Polled {
  source: SnapshotSource;
  nextAt: number;
  busy: boolean;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** fetch() refuses URLs with credentials: they go in an Authorization header instead (basic authentication). */
export function requestFor(url: string): { url: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, headers: {} };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } };
}

export async function fetchSnapshot(url: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  const request = requestFor(url);
  let response: Response;
  try {
    response = await fetch(request.url, { headers: request.headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}${response.status === 401 ? ' (check the user and password in the URL)' : ''}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (type && !/^image\/(jpeg|png)/i.test(type)) {
    await response.body?.cancel();
    throw new Error(`the answer is ${type.split(';')[0]}, not a JPEG (is this the camera's snapshot URL?)`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the image is ${declared} bytes, over ingest.maxImageBytes (${maxBytes}); lower the camera's snapshot resolution or quality`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`the image is ${bytes.length} bytes, over ingest.maxImageBytes (${maxBytes}); lower the camera's snapshot resolution or quality`);
  if (bytes.length === 0) throw new Error('the answer is empty');
  return bytes;
}

export class SnapshotPoller {
  private readonly polled = new Map<string, Polled>();
  private timer: NodeJS.Timeout | undefined;
  private lastRefresh = 0;
  private refreshing: Promise<void> | undefined;
  private readonly running = new Set<Promise<void>>();
  /** The last frame's hash per camera: a camera serving the same still again is seen, not read again. */
  private readonly lastFrame = new Map<string, string>();
  private stopped = true;

  constructor(
    private readonly cameras: Pick<CamerasService, 'snapshotSources' | 'principalFor' | 'health'>,
    private readonly snapshots: Pick<SnapshotIngest, 'frame'>,
    private readonly logger: Logger,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const now = Date.now();
      if (now - this.lastRefresh >= (this.options.refreshMs ?? 5_000)) await this.refresh();
      for (const entry of this.polled.values()) {
        if (entry.busy || entry.nextAt > now) continue;
        entry.busy = true;
        entry.nextAt = now + entry.source.intervalSeconds * 1000;
        const run = this.poll(entry.source).finally(() => {
          entry.busy = false;
          this.running.delete(run);
        });
        this.running.add(run);
      }
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'snapshot poller: could not read the camera list');
    }
    this.schedule(this.options.tickMs ?? 250);
  }

  /** Reads the list of snapshot cameras again. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const sources = await this.cameras.snapshotSources();
        this.lastRefresh = Date.now();
        const seen = new Set<string>();
        for (const source of sources) {
          seen.add(source.cameraId);
          const entry = this.polled.get(source.cameraId);
          if (!entry) this.polled.set(source.cameraId, { source, nextAt: 0, busy: false });
          else if (entry.source.url !== source.url || entry.source.intervalSeconds !== source.intervalSeconds) entry.source = source;
        }
        for (const id of this.polled.keys()) if (!seen.has(id)) this.polled.delete(id);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** Fetches and ingests one snapshot of a camera now (the tick calls it; tests may too). */
  async poll(source: SnapshotSource): Promise<void> {
    const timeout = this.options.timeoutMs ?? Math.max(1_000, Math.min(10_000, source.intervalSeconds * 1000));
    let image: Buffer;
    try {
      image = await fetchSnapshot(source.url, timeout, this.options.maxImageBytes);
    } catch (error) {
      this.cameras.health.problem(source.cameraId, `Snapshot fetch from ${redactUrl(source.url)} failed: ${(error as Error).message}.`);
      return;
    }
    const hash = sha256(image);
    if (this.lastFrame.get(source.cameraId) === hash) {
      this.cameras.health.record(source.cameraId, { accepted: 0, duplicate: 0, rejected: 0 });
      return;
    }
    try {
      const principal: CameraPrincipal = await this.cameras.principalFor(source.cameraId, 'snapshot');
      await this.snapshots.frame(principal, image);
      this.lastFrame.set(source.cameraId, hash);
    } catch (error) {
      // SnapshotIngest and IngestService have put the camera's problems on its health already.
      if (!(error instanceof AppError) || error.status >= 500 && error.status !== 503) this.logger.error({ cameraId: source.cameraId, error: (error as Error).message }, 'snapshot camera: frame not ingested');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running]);
  }
}
