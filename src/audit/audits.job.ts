// Audit due dates on a schedule (R26): once an audit the profile requires is overdue and none is
// open, the access log records it (action 'audits.overdue', once per due date), so a missed audit
// leaves a trace that later audits and the Custodian of Records see.
import { HOUR, MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import { SYSTEM_ACTOR, type AccessLog } from './access-log.js';
import type { AuditsService } from './audits.service.js';

export class AuditDueJob implements Job {
  readonly name = 'audit.due-dates';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = 5 * MINUTE;

  constructor(
    private readonly audits: Pick<AuditsService, 'due'>,
    private readonly log: Pick<AccessLog, 'recordSystem' | 'count'>,
  ) {}

  async perform(now: Date): Promise<JobSummary> {
    let recorded = 0;
    for (const due of await this.audits.due()) {
      if (!due.overdue || due.inProgressId) continue;
      // Once per due date: an earlier run may have recorded it (the entry is written at or after dueAt).
      const already = await this.log.count({ actionPrefix: `audits.overdue.${due.kind}`, from: due.dueAt });
      if (already > 0) continue;
      await this.log.recordSystem(SYSTEM_ACTOR, `audits.overdue.${due.kind}`, {
        dataElements: { kind: due.kind, dueAt: new Date(due.dueAt).toISOString(), everyMonths: due.everyMonths, checkedAt: now.toISOString() },
        resultCount: null,
        reason: `The ${due.kind} audit the policy requires every ${due.everyMonths} months was due ${new Date(due.dueAt).toISOString().slice(0, 10)} and has not been started.`,
        clientAddress: null,
        device: null,
      });
      recorded += 1;
    }
    return { recorded };
  }
}
