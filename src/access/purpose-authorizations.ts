// Who may pass the purpose gate, as the Administrator keeps it: the job titles authorized to access
// ALPR data (R16) and, per user, the data sources whose data they may see (R20).
//
// Job titles come from the Administrator's list (job-titles.service.ts, seeded from the policy
// profile), the one list the account lifecycle also uses when a user changes job (R18). An empty
// list means nobody passes the gate until the Administrator authorizes a title. Titles compare
// case-insensitively with whitespace collapsed.
import type { Clock } from '../platform/clock.js';
import { notFound } from '../platform/errors.js';
import * as accessStore from './access.store.js';
import { DATA_SOURCES, type DataSource } from './access-context.js';
import type { JobTitleList } from './job-titles.service.js';
import * as store from './purpose.store.js';
import type { ChangedBy, ChangeRecorder } from './training.service.js';


export class AuthorizationsService {
  constructor(
    private readonly db: accessStore.Db,
    private readonly clock: Clock,
    private readonly titles: JobTitleList,
    private readonly changes: ChangeRecorder,
  ) {}

  /** R16: the authorized job titles. */
  jobTitles(): string[] {
    return this.titles.list();
  }

  isJobTitleAuthorized(jobTitle: string): boolean {
    return this.titles.isAuthorized(jobTitle);
  }

  async dataSourcesOf(userId: string): Promise<DataSource[]> {
    if (!(await accessStore.findUserById(this.db, userId))) throw notFound('user', userId);
    return store.dataSourcesOf(this.db, userId);
  }

  async setDataSources({ actor, origin }: ChangedBy, userId: string, sources: readonly DataSource[]): Promise<DataSource[]> {
    const user = await accessStore.findUserById(this.db, userId);
    if (!user || user.status === 'deleted') throw notFound('user', userId);
    const wanted = DATA_SOURCES.filter((source) => sources.includes(source));
    const before = await store.dataSourcesOf(this.db, userId);
    await store.replaceDataSources(this.db, userId, wanted, actor.userId, this.clock.now().getTime());
    await this.changes.recordChange(actor, 'user.data_sources.set', before, wanted, { subject: { userId }, ...origin });
    return wanted;
  }
}
