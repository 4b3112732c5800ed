// What the purge removes, one target per data class (invariant 3: purge means gone, except what a
// hold protects). Each target works in bounded batches: one transaction per batch, pausing between
// batches so ingest commits interleave. Other rooms' classes plug in through PurgeTarget.
import type { Kysely } from 'kysely';
import type { ImageStore } from '../ingest/image.store.js';
import type { Tables } from '../storage/tables.js';
import { heldRead, ofKind } from './held.js';
import type { PartitionPurge } from './purge.partitions.js';
import type { PurgedClass } from './retention.rules.js';

export interface PurgeRunOptions {
  now: number;
  batchSize: number;
  dryRun: boolean;
  /** Awaited between batches: lets other work (ingest) run. */
  pause(): Promise<void>;
  /** The same for every class of one purge run (work shared by classes runs once per run). */
  runId?: string;
}

export interface PurgeOutcome {
  /** Rows removed (or, in a dry run, that would be). */
  deleted: number;
  /** Rows past retention that a hold keeps. */
  held: number;
  /** The oldest record's time left in the class after the run (null: none, or not known). */
  oldestRemaining: number | null;
  /** Other counts, e.g. images and plates removed with reads. */
  details?: Record<string, number>;
}

export interface PurgeTarget {
  readonly className: PurgedClass;
  /** Removes (or counts, when dryRun) the class's records with a time before `cutoff`. */
  purgeBefore(cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome>;
}

/** The reads columns that refer to images and plates. */
export type ReadRefColumn = 'plateImage' | 'vehicleImage' | 'plateId';
/** Which of these values some read (captured since `since`, if given) still refers to. */
export type UsedLookup = (column: ReadRefColumn, values: readonly (string | number)[], since: number | undefined) => Promise<Set<string | number>>;

/** What the purge needs of ingest: its commits drained, and its plate-id cache forgotten. */
export interface IngestCoordination {
  idle(): Promise<void>;
  forgetPlates(): Promise<void>;
}

const chunks = <T>(items: readonly T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Removes what reads leave behind: images no read refers to (rows, then files) and distinct
 * plates no read refers to. Rows are deleted inside the caller's transaction; then, once ingest
 * has drained, anything a concurrent ingest started to use again is put back before a file goes.
 */
export class OrphanReaper {
  private readonly platesListeners: ((plateIds: number[]) => void)[] = [];

  /**
   * Called with the ids of distinct plates the purge deleted for good, after each batch. In-memory
   * derived indexes (search's plate index) must drop them too (invariant 3).
   */
  onPlatesDeleted(listener: (plateIds: number[]) => void): void {
    this.platesListeners.push(listener);
  }

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly images: Pick<ImageStore, 'remove'>,
    private readonly ingest: IngestCoordination,
  ) {}

  async deleteOrphanRows(tx: Kysely<Tables>, shas: ReadonlySet<string>, plateIds: ReadonlySet<number>) {
    const images: Tables['images'][] = [];
    for (const chunk of chunks([...shas])) {
      images.push(
        ...(await tx
          .deleteFrom('images')
          .where('sha256', 'in', chunk)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('reads').select('reads.id').whereRef('reads.plateImage', '=', 'images.sha256'))))
          .where((eb) => eb.not(eb.exists(eb.selectFrom('reads').select('reads.id').whereRef('reads.vehicleImage', '=', 'images.sha256'))))
          .returningAll()
          .execute()),
      );
    }
    const plates: { id: number; plate: string; region: string }[] = [];
    for (const chunk of chunks([...plateIds])) {
      plates.push(
        ...(await tx
          .deleteFrom('plates')
          .where('id', 'in', chunk)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('reads').select('reads.id').whereRef('reads.plateId', '=', 'plates.id'))))
          .returning(['id', 'plate', 'region'])
          .execute()),
      );
    }
    // SQLite: ingest commits wait for this transaction's connection, so clearing the cache here
    // means no commit can use a deleted plate id. PostgreSQL: settle() repairs the rare race.
    if (plates.length) await this.ingest.forgetPlates();
    return { images, plates };
  }

  private async stillGone(ids: number[]): Promise<number[]> {
    const present = new Set<number>();
    for (const chunk of chunks(ids)) for (const row of await this.db.selectFrom('plates').select('id').where('id', 'in', chunk).execute()) present.add(row.id);
    return ids.filter((id) => !present.has(id));
  }

  /** Which of these values some read still uses (images by column, plates by id), `since` as in settle(). */
  private async usedAmong(column: ReadRefColumn, values: readonly (string | number)[], since: number | undefined): Promise<Set<string | number>> {
    const used = new Set<string | number>();
    for (const chunk of chunks(values)) {
      let query = this.db.selectFrom('reads').select(column).distinct().where(column, 'in', chunk as never[]);
      if (since !== undefined) query = query.where('capturedAt', '>=', since);
      for (const row of (await query.execute()) as unknown as Record<string, string | number | null>[]) if (row[column] != null) used.add(row[column]);
    }
    return used;
  }

  /**
   * After the commit: drain ingest, put back what was used meanwhile, then delete the files.
   * `since`: only reads captured from then on can have been written meanwhile (the ingest window);
   * on the partitioned PostgreSQL layout this keeps the look-ups to the window's day partitions.
   * `lookup`: how to find the values still used (the partition purge brings a set-based one for
   * the hundreds of thousands of plates a year of dropped days leaves).
   */
  async settle(
    removed: { images: Tables['images'][]; plates: { id: number; plate: string; region: string }[] },
    since?: number,
    lookup: UsedLookup = (column, values, from) => this.usedAmong(column, values, from),
  ): Promise<{ images: number; plates: number }> {
    if (!removed.images.length && !removed.plates.length) return { images: 0, plates: 0 };
    await this.ingest.idle();
    if (removed.plates.length) await this.ingest.forgetPlates();
    const usedShas = new Set<string>();
    if (removed.images.length) {
      // Two look-ups, one per column, so each uses its partial index (an OR would scan reads).
      const shas = removed.images.map((image) => image.sha256);
      for (const column of ['plateImage', 'vehicleImage'] as const) for (const sha of await lookup(column, shas, since)) usedShas.add(String(sha));
    }
    const reinstate = removed.images.filter((image) => usedShas.has(image.sha256));
    if (reinstate.length) await this.db.insertInto('images').values(reinstate).onConflict((oc) => oc.doNothing()).execute();
    // Files go 100 at a time in parallel: one at a time, each unlink would wait a turn behind ingest.
    const files = removed.images.filter((image) => !usedShas.has(image.sha256));
    for (const group of chunks(files, 100)) await Promise.all(group.map((image) => this.images.remove(image.sha256)));

    let plates = removed.plates.length;
    const usedPlates = removed.plates.length ? await lookup('plateId', removed.plates.map((plate) => plate.id), since) : new Set<string | number>();
    for (const plate of removed.plates) {
      if (!usedPlates.has(plate.id)) continue;
      await this.db.insertInto('plates').values(plate).onConflict((oc) => oc.doNothing()).execute();
      const current = await this.db.selectFrom('plates').select('id').where('plate', '=', plate.plate).where('region', '=', plate.region).executeTakeFirstOrThrow();
      if (current.id !== plate.id) await this.db.updateTable('reads').set({ plateId: current.id }).where('plateId', '=', plate.id).execute();
      plates -= 1;
    }
    if (reinstate.length || plates !== removed.plates.length) await this.ingest.forgetPlates();
    if (plates > 0 && this.platesListeners.length) {
      const ids = await this.stillGone(removed.plates.map((plate) => plate.id));
      for (const listener of this.platesListeners) listener(ids);
    }
    return { images: removed.images.length - reinstate.length, plates };
  }
}

/** Reads of one camera kind, with their images and orphaned plates (R30). */
export class ReadsTarget implements PurgeTarget {
  readonly className: PurgedClass;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly kind: 'fixed' | 'mobile',
    private readonly reaper: OrphanReaper,
    /** PostgreSQL: whole days past retention go by dropping their partition first (purge.partitions.ts). */
    private readonly partitions?: Pick<PartitionPurge, 'take'>,
  ) {
    this.className = kind === 'fixed' ? 'fixedReads' : 'mobileReads';
  }

  private eligible(cutoff: number, now: number, held: boolean) {
    return this.db
      .selectFrom('reads')
      .where('capturedAt', '<', cutoff)
      .where((eb) => ofKind(eb, this.kind))
      .where((eb) => (held ? heldRead(eb, now) : eb.not(heldRead(eb, now))));
  }

  private async count(cutoff: number, now: number, held: boolean): Promise<number> {
    const row = await this.eligible(cutoff, now, held).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async purgeBefore(cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome> {
    const held = await this.count(cutoff, options.now, true);
    let deleted = 0;
    let images = 0;
    let plates = 0;
    const dropped = this.partitions ? await this.partitions.take(this.kind, options) : undefined;
    if (dropped) {
      deleted += dropped.deleted;
      images += dropped.images;
      plates += dropped.plates;
    }
    if (options.dryRun) {
      // Every eligible row, whether its day would be dropped or its row deleted.
      deleted = await this.count(cutoff, options.now, false);
    } else {
      for (;;) {
        const batch = this.eligible(cutoff, options.now, false).select('reads.id').orderBy('capturedAt').limit(options.batchSize);
        const removed = await this.db.transaction().execute(async (tx) => {
          // captured_at too: on PostgreSQL it prunes the delete to the partitions before the cutoff.
          const rows = await tx.deleteFrom('reads').where('id', 'in', batch).where('capturedAt', '<', cutoff).returning(['id', 'plateId', 'plateImage', 'vehicleImage']).execute();
          const shas = new Set(rows.flatMap((row) => [row.plateImage, row.vehicleImage]).filter((sha): sha is string => sha !== null));
          const orphans = await this.reaper.deleteOrphanRows(tx, shas, new Set(rows.map((row) => row.plateId)));
          return { count: rows.length, orphans };
        });
        const settled = await this.reaper.settle(removed.orphans);
        deleted += removed.count;
        images += settled.images;
        plates += settled.plates;
        if (removed.count < options.batchSize) break;
        await options.pause();
      }
    }
    const oldest = await this.db
      .selectFrom('reads')
      .where((eb) => ofKind(eb, this.kind))
      .select((eb) => eb.fn.min('capturedAt').as('oldest'))
      .executeTakeFirst();
    return { deleted, held, oldestRemaining: oldest?.oldest == null ? null : Number(oldest.oldest), details: { images, plates, ...(dropped ? { partitionsDropped: dropped.partitions } : {}) } };
  }
}

/**
 * Images past their own retention on reads that are kept longer (R1, R30): the read loses its
 * image references and the images no read refers to are deleted. With the shipped profiles images
 * never outlive their reads, so this usually finds nothing; reads' own images go with ReadsTarget.
 */
export class ImagesTarget implements PurgeTarget {
  readonly className = 'images' as const;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly reaper: OrphanReaper,
  ) {}

  private withImages(cutoff: number, now: number, held: boolean, db: Kysely<Tables> = this.db) {
    return db
      .selectFrom('reads')
      .where('capturedAt', '<', cutoff)
      .where((eb) => eb.or([eb('plateImage', 'is not', null), eb('vehicleImage', 'is not', null)]))
      .where((eb) => (held ? heldRead(eb, now) : eb.not(heldRead(eb, now))));
  }

  async purgeBefore(cutoff: number, options: PurgeRunOptions): Promise<PurgeOutcome> {
    const count = async (held: boolean) => Number((await this.withImages(cutoff, options.now, held).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const held = await count(true);
    if (options.dryRun) return { deleted: await count(false), held, oldestRemaining: null };
    let stripped = 0;
    let images = 0;
    for (;;) {
      const removed = await this.db.transaction().execute(async (tx) => {
        const rows = await this.withImages(cutoff, options.now, false, tx).select(['reads.id', 'plateImage', 'vehicleImage']).orderBy('capturedAt').limit(options.batchSize).execute();
        if (!rows.length) return { count: 0, orphans: { images: [], plates: [] } };
        for (const chunk of chunks(rows.map((row) => row.id))) await tx.updateTable('reads').set({ plateImage: null, vehicleImage: null }).where('id', 'in', chunk).where('capturedAt', '<', cutoff).execute();
        const shas = new Set(rows.flatMap((row) => [row.plateImage, row.vehicleImage]).filter((sha): sha is string => sha !== null));
        return { count: rows.length, orphans: await this.reaper.deleteOrphanRows(tx, shas, new Set()) };
      });
      images += (await this.reaper.settle(removed.orphans)).images;
      stripped += removed.count;
      if (removed.count < options.batchSize) break;
      await options.pause();
    }
    return { deleted: images, held, oldestRemaining: null, details: { readsStripped: stripped } };
  }
}
