// Deleting named reads before the purge would (e.g. a misread the custodian removes). Minimum
// retention is enforced here as in the purge (R30: "at least 2 years" means nothing deletes
// earlier), and held reads are refused (R31). All or nothing: one refused read refuses the request.
import type { Kysely } from 'kysely';
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import type { PolicyProfile } from '../policy/index.js';
import type { Tables } from '../storage/tables.js';
import type { HoldsService } from './holds.service.js';
import type { OrphanReaper } from './purge.targets.js';
import { dueAt, pastMinimum, ruleOf } from './retention.rules.js';
import { isUuid } from '../platform/ids.js';

export class DestroyService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly profile: Pick<PolicyProfile, 'retention'>,
    private readonly holds: Pick<HoldsService, 'heldAmong'>,
    private readonly reaper: OrphanReaper,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
  ) {}

  async destroyReads(actor: Actor & Partial<ClientOrigin>, readIds: readonly string[], reason: string): Promise<{ deleted: number; images: number; plates: number }> {
    const ids = [...new Set(readIds)];
    if (!ids.length || ids.length > 1000) throw badRequest('invalid_read_ids', 'Name between 1 and 1000 read ids.', 'readIds');
    const bad = ids.find((id) => !isUuid(id));
    if (bad) throw badRequest('invalid_read_id', `"${bad}" is not a read id (a UUID).`, 'readIds');
    if (reason.trim().length < 10) throw badRequest('invalid_reason', 'Say why these reads are destroyed ahead of the purge (at least 10 characters).', 'reason');
    const now = this.clock.now().getTime();
    const rows = await this.db.selectFrom('reads').leftJoin('cameras', 'cameras.id', 'reads.cameraId').select(['reads.id', 'reads.capturedAt', 'cameras.kind']).where('reads.id', 'in', ids).execute();
    const missing = ids.filter((id) => !rows.some((row) => row.id === id));
    if (missing.length) throw notFound('read', missing.slice(0, 5).join(', '));
    for (const row of rows) {
      const readRule = ruleOf(this.profile, row.kind === 'mobile' ? 'mobileReads' : 'fixedReads');
      const imageRule = ruleOf(this.profile, 'images');
      for (const rule of [readRule, imageRule]) {
        if (!pastMinimum(rule, row.capturedAt, now)) {
          throw conflict(
            'retention_minimum',
            `Read ${row.id} was captured ${new Date(row.capturedAt).toISOString()}; the policy keeps ${rule.label.toLowerCase()} at least ${rule.minDays} days (R30), so it may not be deleted before ${new Date(dueAt(row.capturedAt, rule.minDays)).toISOString()}.`,
            'readIds',
          );
        }
      }
    }
    const held = await this.holds.heldAmong(ids);
    if (held.size) throw conflict('read_held', `${held.size} of these reads are under a legal hold (R31), e.g. ${[...held][0]}; release the hold first.`, 'readIds');
    const removed = await this.db.transaction().execute(async (tx) => {
      const deleted = await tx.deleteFrom('reads').where('id', 'in', ids).returning(['id', 'plateId', 'plateImage', 'vehicleImage']).execute();
      const shas = new Set(deleted.flatMap((row) => [row.plateImage, row.vehicleImage]).filter((sha): sha is string => sha !== null));
      return { count: deleted.length, orphans: await this.reaper.deleteOrphanRows(tx, shas, new Set(deleted.map((row) => row.plateId))) };
    });
    const settled = await this.reaper.settle(removed.orphans);
    await this.audit.recordChange(actor, 'retention.destroy_reads', { readIds: ids }, null, {
      subject: { readIds: ids, images: settled.images, plates: settled.plates },
      reason: reason.trim(),
      clientAddress: actor.clientAddress ?? null,
      device: actor.device ?? null,
    });
    return { deleted: removed.count, images: settled.images, plates: settled.plates };
  }
}
