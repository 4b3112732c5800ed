// The public transparency page's data (R43, R44): the agency's ALPR policy, its Administrator,
// retention, and counts (cameras, reads, hits, searches, audits, sharing, purges), computed from
// live data and cached a minute. It never holds a plate, a read or any user's name but the
// ALPR Administrator's, which the policy requires to be published (R44).
import { existsSync, readFileSync } from 'node:fs';
import type { Clock } from '../platform/clock.js';
import { DAY, MINUTE } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { describeRetention } from '../policy/profile.describe.js';
import type { PolicyProfile } from '../policy/index.js';
import type { AuditOutcome, TransparencyFigures, TransparencySource } from './transparency.sources.js';

export interface TransparencyReport {
  generatedAt: number;
  agency: { name: string; jurisdiction: string; website: string | null };
  administrator: { title: string; name: string | null };
  policy: { title: string; section: string; url: string | null; documentAvailable: boolean };
  retention: string[];
  sharing: { mayReceive: string; neverSold: string };
  auditSchedule: string;
  figures: Omit<TransparencyFigures, 'audits' | 'purgeKnown'> & { audits: AuditOutcome[] | null };
  /** Figures no source provides in this installation yet. */
  unavailable: string[];
}

const EMPTY: TransparencyFigures = {
  cameras: null,
  readsLast30Days: null,
  hitsLast30Days: null,
  searchesLast30Days: null,
  sharedWith: null,
  audits: null,
  lastPurgeAt: null,
  purgeKnown: false,
};

export interface TransparencyOptions {
  /** Where the policy document itself is, if this installation has it. */
  policyDocumentPath?: string | undefined;
  cacheMs?: number;
}

export class TransparencyService {
  private cached: { at: number; report: TransparencyReport } | undefined;
  private pending: Promise<TransparencyReport> | undefined;
  private readonly cacheMs: number;

  constructor(
    private readonly profile: PolicyProfile,
    private readonly clock: Clock,
    private readonly sources: TransparencySource[],
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly options: TransparencyOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? MINUTE;
  }

  /** Adds a source (for rooms wired after this one); clears the cache. */
  addSource(source: TransparencySource): void {
    this.sources.push(source);
    this.cached = undefined;
  }

  async report(): Promise<TransparencyReport> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.cacheMs && now >= this.cached.at) return this.cached.report;
    this.pending ??= this.build(now).finally(() => {
      this.pending = undefined;
    });
    const report = await this.pending;
    this.cached = { at: now, report };
    return report;
  }

  /** The policy document's text, when this installation has the file. */
  policyDocument(): string | undefined {
    const path = this.options.policyDocumentPath;
    return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  private async build(now: number): Promise<TransparencyReport> {
    const window = { now, since: now - 30 * DAY };
    const figures: TransparencyFigures = { ...EMPTY };
    const answered = new Set<string>();
    for (const source of this.sources) {
      try {
        const part = await source.collect(window);
        for (const [key, value] of Object.entries(part)) {
          if (value === undefined) continue;
          (figures as unknown as Record<string, unknown>)[key] = value;
          answered.add(key);
        }
      } catch (error) {
        this.logger.warn({ source: source.name, err: error }, 'transparency source failed');
      }
    }
    const { profile } = this;
    const unavailable = (['cameras', 'readsLast30Days', 'hitsLast30Days', 'searchesLast30Days', 'sharedWith', 'audits', 'lastPurgeAt'] as const).filter((key) => !answered.has(key));
    const { purgeKnown: _purgeKnown, ...shown } = figures;
    const audits = profile.audits;
    return {
      generatedAt: now,
      agency: { name: profile.agency.name, jurisdiction: profile.agency.jurisdiction, website: profile.agency.website ?? null },
      administrator: { title: profile.administrator.title, name: profile.administrator.name },
      policy: { title: profile.policy.title, section: profile.policy.sectionPrefix, url: profile.policy.url ?? null, documentAvailable: this.policyDocument() !== undefined },
      retention: describeRetention(profile),
      sharing: {
        mayReceive:
          profile.sharing.mayReceive === 'lawEnforcementOrProsecutorial'
            ? 'ALPR data is shared only with California law-enforcement or prosecutorial agencies, on a documented request.'
            : 'ALPR data is shared only with California public agencies, on a documented request.',
        neverSold: 'ALPR data is never sold, and never shared with federal immigration enforcement or out-of-state agencies (Civ. Code 1798.90.55(b)).',
      },
      auditSchedule: `Detection-browsing inquiries are audited every ${audits.frequencyMonths} months (a random sample of at least ${audits.sampleSize} from the preceding ${audits.lookbackMonths} months)${audits.outsideAgencyAuditMonths ? `, and by an outside law-enforcement agency every ${audits.outsideAgencyAuditMonths} months` : ''}; results go to the ${audits.memorandumTo}.`,
      figures: shown,
      unavailable,
    };
  }
}
