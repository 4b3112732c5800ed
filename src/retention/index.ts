// The retention room (issue 7; R30–R33): built once by app.ts, used by the routes, the daily job and
// the CLI. Other rooms reach it through this object: the sharing room records outside copies and
// builds bundles (evidence.buildEvidenceBundle); rooms with their own purged classes register a
// PurgeTarget (purge.register).
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/access-log.js';
import type { ImageStore } from '../ingest/image.store.js';
import type { Clock } from '../platform/clock.js';
import type { PolicyProfile } from '../policy/index.js';
import type { Tables } from '../storage/tables.js';
import { DestroyService } from './destroy.service.js';
import { EvidenceService } from './evidence.service.js';
import { HoldsService } from './holds.service.js';
import { OutsideCopiesService } from './outside-copies.service.js';
import { RetentionPurgeJob } from './purge.job.js';
import { DEFAULT_PURGE_LIMITS, PurgeService, type PurgeLimits } from './purge.service.js';
import { ImagesTarget, OrphanReaper, ReadsTarget, type IngestCoordination } from './purge.targets.js';
import { AlertsTarget, ExportsTarget, HotListsTarget } from './purge.others.js';
import { PartitionPurge } from './purge.partitions.js';
import { readCutoff } from './retention.rules.js';
import { isPostgres, ReadPartitions } from '../storage/partitions.js';
import type { ExportsRegistry } from './evidence.service.js';

export type { PurgeTarget, PurgeOutcome, PurgeRunOptions } from './purge.targets.js';
export type { BuiltBundle, BundleOptions } from './evidence.service.js';
export type { OutsideCopyInput } from './outside-copies.service.js';

export interface RetentionRoom {
  holds: HoldsService;
  purge: PurgeService;
  outside: OutsideCopiesService;
  evidence: EvidenceService;
  destroy: DestroyService;
  job: RetentionPurgeJob;
  evidenceDir: string;
  db: Kysely<Tables>;
  /** Distinct plates the purge deleted: in-memory indexes (search) subscribe to drop them (invariant 3). */
  onPlatesDeleted(listener: (plateIds: number[]) => void): void;
  /** PostgreSQL: the day partitions of `reads` the purge drops. */
  partitions?: ReadPartitions;
}

export interface RetentionDeps {
  db: Kysely<Tables>;
  clock: Clock;
  profile: PolicyProfile;
  audit: AuditRecorder;
  images: ImageStore;
  ingest: IngestCoordination;
  dataDir: string;
  limits?: PurgeLimits;
  /** PostgreSQL: the day partitions of `reads` (shared with the ingest writer, so it forgets dropped days). */
  partitions?: ReadPartitions;
}

export function createRetentionRoom(deps: RetentionDeps): RetentionRoom {
  const { db, clock, profile, audit } = deps;
  const outside = new OutsideCopiesService(db, clock, audit);
  const holds = new HoldsService(db, clock, audit);
  const reaper = new OrphanReaper(db, deps.images, deps.ingest);
  // PostgreSQL: reads are partitioned by day, and whole days past both read cutoffs are dropped (#12).
  const partitions = isPostgres(db) ? (deps.partitions ?? new ReadPartitions(db, clock)) : undefined;
  const dropper = partitions
    ? new PartitionPurge(db, partitions, reaper, (now) => Math.min(readCutoff(profile, 'fixed', now), readCutoff(profile, 'mobile', now)))
    : undefined;
  const purge = new PurgeService(db, clock, profile, audit, outside, deps.limits ?? DEFAULT_PURGE_LIMITS)
    .register(new ReadsTarget(db, 'fixed', reaper, dropper))
    .register(new ReadsTarget(db, 'mobile', reaper, dropper))
    .register(new ImagesTarget(db, reaper));
  const evidence = new EvidenceService(db, clock, deps.images, join(deps.dataDir, 'evidence'), outside, profile.agency.ori ? `${profile.agency.name} (${profile.agency.ori})` : profile.agency.name);
  const destroy = new DestroyService(db, clock, profile, holds, reaper, audit);
  return {
    holds,
    purge,
    outside,
    evidence,
    destroy,
    job: new RetentionPurgeJob(purge),
    evidenceDir: join(deps.dataDir, 'evidence'),
    db,
    onPlatesDeleted: (listener) => reaper.onPlatesDeleted(listener),
    ...(partitions ? { partitions } : {}),
  };
}

/**
 * Connects the rooms built after this one (app.ts calls it once they exist): evidence bundles are
 * registered with the exports registry, and alerts, hot lists and exports join the purge.
 */
export function connectRetention(
  room: RetentionRoom,
  others: { exportsRegistry?: ExportsRegistry & { overdue(): Promise<unknown[]> }; hotlists?: { applyRetention(now: number): Promise<Record<string, number>> }; alerts?: boolean },
): void {
  if (others.exportsRegistry) room.evidence.useExportsRegistry(others.exportsRegistry);
  if (others.alerts) room.purge.register(new AlertsTarget(room.db));
  if (others.hotlists) room.purge.register(new HotListsTarget(others.hotlists));
  room.purge.register(new ExportsTarget(room.db, room.evidenceDir, others.exportsRegistry));
}
