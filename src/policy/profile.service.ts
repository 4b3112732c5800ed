// The policy profile in force. The profile file is read at every start; a file that differs from
// the profile in force applies at once when it is as strict or stricter, and waits for an
// administrator's approval in the app when it loosens protection (profile.loosening.ts) — the
// person who edited the file on the server is the first administrator, the approver the second.
// Until then the server keeps enforcing the profile in force. Every change is in the access log.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SYSTEM_REQUESTER, type ApprovalsService } from '../access/approvals.service.js';
import { SYSTEM_ACTOR, type AuditRecorder } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Tables } from '../storage/tables.js';
import { loosenings } from './profile.loosening.js';
import type { PolicyProfile } from './profile.schema.js';

const hashOf = (profile: PolicyProfile) => createHash('sha256').update(JSON.stringify(profile)).digest('hex');

export class ProfileService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
    private readonly approvals: ApprovalsService,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    approvals.register('policy_profile.adopt', async (payload, by) => {
      const sha256 = String(payload.sha256);
      const now = this.clock.now().getTime();
      const before = await this.active();
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('policyProfiles').set({ status: 'superseded' }).where('status', '=', 'active').execute();
        await tx.updateTable('policyProfiles').set({ status: 'active', decidedBy: by.actor.username, decidedAt: now }).where('sha256', '=', sha256).execute();
      });
      await this.audit.recordChange(by.actor, 'profile.adopt', before?.profile ?? null, { sha256, appliesAt: 'the next start of the server' }, { ...by.origin });
    });
  }

  private async active(): Promise<{ sha256: string; profile: PolicyProfile } | undefined> {
    const row = await this.db.selectFrom('policyProfiles').select(['sha256', 'document']).where('status', '=', 'active').executeTakeFirst();
    return row ? { sha256: row.sha256, profile: JSON.parse(row.document) as PolicyProfile } : undefined;
  }

  /** The profile to enforce, given the one read from the file now. */
  async reconcile(file: PolicyProfile, source: string): Promise<PolicyProfile> {
    const sha256 = hashOf(file);
    const now = this.clock.now().getTime();
    const current = await this.active();
    if (current?.sha256 === sha256) return file;
    const looser = current ? loosenings(current.profile, file) : [];
    const existing = await this.db.selectFrom('policyProfiles').select('status').where('sha256', '=', sha256).executeTakeFirst();
    if (!current || looser.length === 0) {
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('policyProfiles').set({ status: 'superseded' }).where('status', '=', 'active').execute();
        if (existing) await tx.updateTable('policyProfiles').set({ status: 'active', seenAt: now }).where('sha256', '=', sha256).execute();
        else await tx.insertInto('policyProfiles').values({ sha256, source, document: JSON.stringify(file), status: 'active', seenAt: now, decidedBy: null, decidedAt: null }).execute();
      });
      await this.audit.recordChange(SYSTEM_ACTOR, current ? 'profile.change' : 'profile.adopt', current?.profile ?? null, file, { reason: `policy profile ${source} read at start` });
      return file;
    }
    if (!existing) {
      await this.db.insertInto('policyProfiles').values({ sha256, source, document: JSON.stringify(file), status: 'pending', seenAt: now, decidedBy: null, decidedAt: null }).execute();
      await this.approvals.request(
        { actor: { userId: SYSTEM_REQUESTER, username: `policy profile file (${source})` } },
        'policy_profile.adopt',
        { sha256, loosens: looser },
        `Adopt the changed policy profile ${source}, which loosens protection: ${looser.map((l) => `${l.path} ${JSON.stringify(l.before)} → ${JSON.stringify(l.after)}`).join('; ')}`,
      );
    }
    this.logger.warn({ loosens: looser.map((l) => l.path) }, `The policy profile file ${source} loosens protection; the server keeps enforcing the profile in force until an administrator approves the change (Approvals), then restarts.`);
    return current.profile;
  }
}
