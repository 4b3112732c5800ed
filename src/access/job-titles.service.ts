// The job titles authorized to access ALPR data (R16), kept by the Administrator in the app and
// seeded from the policy profile's list. Removing a title narrows access and applies at once;
// adding one widens it, so it waits for a second administrator (approvals.service.ts). The gate and
// the account lifecycle read this one list; it is cached in memory because the gate asks on every
// data request.
import type { AuditRecorder } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, notFound } from '../platform/errors.js';
import type { Db } from './access.store.js';
import type { ApprovalsService, ChangeRequester, PendingChange } from './approvals.service.js';

export const titleKey = (title: string): string => title.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export interface JobTitleList {
  list(): string[];
  isAuthorized(jobTitle: string): boolean;
}

/** A fixed list (tests, and callers that do not need the Administrator's edits). */
export const fixedTitles = (titles: readonly string[]): JobTitleList => ({
  list: () => [...titles],
  isAuthorized: (jobTitle) => titles.some((title) => titleKey(title) === titleKey(jobTitle)),
});

export class JobTitlesService implements JobTitleList {
  private titles: { title: string; key: string; source: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
    private readonly approvals: ApprovalsService,
  ) {
    approvals.register('job_title.add', async (payload, by) => this.add(by, String(payload.title)));
  }

  /** Seeds the profile's titles (once each) and loads the list. */
  async load(profileTitles: readonly string[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const title of profileTitles) {
      await this.db
        .insertInto('jobTitles')
        .values({ titleKey: titleKey(title), title: title.trim(), source: 'profile', addedBy: 'policy profile', addedAt: now })
        .onConflict((oc) => oc.column('titleKey').doNothing())
        .execute();
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const rows = await this.db.selectFrom('jobTitles').select(['title', 'titleKey', 'source']).orderBy('title').execute();
    this.titles = rows.map((row) => ({ title: row.title, key: row.titleKey, source: row.source }));
  }

  list(): string[] {
    return this.titles.map((entry) => entry.title);
  }

  isAuthorized(jobTitle: string): boolean {
    const key = titleKey(jobTitle);
    return this.titles.some((entry) => entry.key === key);
  }

  /** Asks for a title to be authorized; a second administrator approves it. */
  async requestAdd(by: ChangeRequester, title: string): Promise<PendingChange> {
    const clean = title.trim().replace(/\s+/g, ' ');
    if (clean.length < 3 || clean.length > 80) throw badRequest('invalid_job_title', 'A job title is 3–80 characters, e.g. "Crime analyst".', 'title');
    if (this.isAuthorized(clean)) throw badRequest('job_title_exists', `"${clean}" is already authorized.`, 'title');
    return this.approvals.request(by, 'job_title.add', { title: clean }, `Authorize the job title "${clean}" to access ALPR data (R16)`);
  }

  private async add(by: ChangeRequester, title: string): Promise<void> {
    await this.db
      .insertInto('jobTitles')
      .values({ titleKey: titleKey(title), title, source: 'administrator', addedBy: by.actor.username, addedAt: this.clock.now().getTime() })
      .onConflict((oc) => oc.column('titleKey').doNothing())
      .execute();
    const before = this.list();
    await this.refresh();
    await this.audit.recordChange(by.actor, 'job_title.add', before, this.list(), { ...by.origin });
  }

  /** Ends a title's authorization at once (users holding it are refused at the gate from now on). */
  async remove(by: ChangeRequester, title: string): Promise<void> {
    const key = titleKey(title);
    if (!this.titles.some((entry) => entry.key === key)) throw notFound('job title', title);
    const before = this.list();
    await this.db.deleteFrom('jobTitles').where('titleKey', '=', key).execute();
    await this.refresh();
    await this.audit.recordChange(by.actor, 'job_title.remove', before, this.list(), { ...by.origin });
  }
}
