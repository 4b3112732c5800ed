// Purge targets for classes other rooms own (R9, R13, R32), wired by connectRetention() once those
// rooms exist: alerts (the alerts room's tables), hot lists (the hot-lists room purges by each
// list's own retention: this target runs it with the purge and reports it), and exports (server
// copies of evidence bundles; the registry's overdue copies are counted for the custodian).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../storage/tables.js';
import type { PurgeOutcome, PurgeRunOptions, PurgeTarget } from './purge.targets.js';

/** Alerts and their workflow steps past retention, unless the alert's read is held (R9, R11, R30). */
export class AlertsTarget implements PurgeTarget {
  readonly className = 'alerts' as const;

  constructor(private readonly db: Kysely<Tables>) {}

  private held(now: number) {
    // alerts.read_id is text; legal_hold_reads.read_id is a uuid on PostgreSQL: compare as text.
    return sql<boolean>`exists (select 1 from legal_hold_reads hr join legal_holds h on h.id = hr.hold_id
      where cast(hr.read_id as text) = alerts.read_id and h.released_at is null and (h.until is null or h.until > ${now}))`;
  }

  private async count(cutoff: number, now: number, held: boolean): Promise<number> {
    const row = await this.db
      .selectFrom('alerts')
      .where('createdAt', '<', cutoff)
      .where(held ? this.held(now) : sql<boolean>`not ${this.held(now)}`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async purgeBefore(cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome> {
    const held = await this.count(cutoff, options.now, true);
    let deleted = 0;
    let steps = 0;
    if (options.dryRun) deleted = await this.count(cutoff, options.now, false);
    else {
      for (;;) {
        const done = await this.db.transaction().execute(async (tx) => {
          const seqs = (await tx.selectFrom('alerts').select('seq').where('createdAt', '<', cutoff).where(sql<boolean>`not ${this.held(options.now)}`).orderBy('seq').limit(options.batchSize).execute()).map((row) => row.seq);
          if (!seqs.length) return { alerts: 0, steps: 0 };
          let removedSteps = 0;
          for (let i = 0; i < seqs.length; i += 500) {
            const chunk = seqs.slice(i, i + 500);
            removedSteps += Number((await tx.deleteFrom('alertSteps').where('alertSeq', 'in', chunk).executeTakeFirst()).numDeletedRows);
            await tx.deleteFrom('alerts').where('seq', 'in', chunk).execute();
          }
          return { alerts: seqs.length, steps: removedSteps };
        });
        deleted += done.alerts;
        steps += done.steps;
        if (done.alerts < options.batchSize) break;
        await options.pause();
      }
    }
    const oldest = await this.db.selectFrom('alerts').select((eb) => eb.fn.min('createdAt').as('oldest')).executeTakeFirst();
    return { deleted, held, oldestRemaining: oldest?.oldest == null ? null : Number(oldest.oldest), details: { steps } };
  }
}

/** The hot-lists room applies R13 by each list's own retention (its job runs it too); the purge runs it and reports. */
export class HotListsTarget implements PurgeTarget {
  readonly className = 'hotLists' as const;

  constructor(private readonly hotlists: { applyRetention(now: number): Promise<Record<string, number>> }) {}

  async purgeBefore(_cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome> {
    if (options.dryRun) return { deleted: 0, held: 0, oldestRemaining: null, details: { runByHotListsRoom: 1 } };
    const done = await this.hotlists.applyRetention(options.now);
    return { deleted: (done.entriesDeleted ?? 0) + (done.listsDeleted ?? 0), held: 0, oldestRemaining: null, details: done };
  }
}

/**
 * Exports (R32). The server keeps a staging copy of each evidence bundle for download; past
 * exports.maxDays it is deleted (the booked copy on portable media is evidence, exempt under R31;
 * the bundle's row, hash and chain of custody stay). Copies registered with the exports registry
 * live outside the server: the overdue ones are counted here for the custodian.
 */
export class ExportsTarget implements PurgeTarget {
  readonly className = 'exports' as const;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly evidenceDir: string,
    private readonly registry: { overdue(): Promise<unknown[]> } | undefined,
  ) {}

  async purgeBefore(cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome> {
    const bundles = await this.db.selectFrom('evidenceBundles').select(['id', 'fileName', 'createdAt']).where('createdAt', '<', cutoff).execute();
    let deleted = 0;
    for (const bundle of bundles) {
      const path = join(this.evidenceDir, bundle.fileName);
      if (!existsSync(path)) continue;
      deleted += 1;
      if (!options.dryRun) await rm(path, { force: true });
    }
    const overdue = this.registry ? (await this.registry.overdue()).length : 0;
    return { deleted, held: 0, oldestRemaining: null, details: { overdueRegistered: overdue } };
  }
}
