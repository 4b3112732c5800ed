// Misuse signals (R22, R29): rules over the access log that flag entries for the administrator's
// review. Each rule says what it looks for and which policy clause it protects; every threshold
// lives in MISUSE_THRESHOLDS below with the reason for its value. The rules are pure: the scanner
// (misuse.service.ts) hands them a batch of new entries, the history before it, and the searched
// plates seen inside sensitive places.

export interface ScanEntry {
  seq: number;
  at: number;
  category: string;
  action: string;
  actorUsername: string;
  purposeCase: string | null;
  purposeCategory: string;
  purposeReason: string;
  device: string | null;
  clientAddress: string | null;
  /** Plates named in the data elements (audits.inquiries.ts platesIn). */
  plates: string[];
  /** For auth entries: whether the sign-in succeeded. */
  success: boolean;
  inquiry: boolean;
}

export interface RuleInput {
  /** The new entries to judge, ascending by seq. */
  batch: readonly ScanEntry[];
  /** Inquiries from HISTORY_DAYS before the batch up to its end, ascending by seq (the batch's own included). */
  history: readonly ScanEntry[];
  /** Plate → names of the sensitive places where it was read in the look-back period. */
  sensitive: ReadonlyMap<string, string[]>;
  /** Username → devices (or addresses) of the user's earlier successful sign-ins. */
  knownDevices: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The history grouped once per batch, so each rule looks only at one user's or one plate's entries. */
export interface HistoryIndex {
  byUser: ReadonlyMap<string, readonly ScanEntry[]>;
  byPlate: ReadonlyMap<string, readonly ScanEntry[]>;
}

const NONE: readonly ScanEntry[] = [];
const indexes = new WeakMap<readonly ScanEntry[], HistoryIndex>();

export function indexOf(history: readonly ScanEntry[]): HistoryIndex {
  let index = indexes.get(history);
  if (index) return index;
  const byUser = new Map<string, ScanEntry[]>();
  const byPlate = new Map<string, ScanEntry[]>();
  for (const entry of history) {
    const mine = byUser.get(entry.actorUsername) ?? [];
    mine.push(entry);
    byUser.set(entry.actorUsername, mine);
    for (const plate of entry.plates) {
      const list = byPlate.get(plate) ?? [];
      list.push(entry);
      byPlate.set(plate, list);
    }
  }
  index = { byUser, byPlate };
  indexes.set(history, index);
  return index;
}

export interface RuleHit {
  seq: number;
  reason: string;
}

export interface MisuseRule {
  id: string;
  title: string;
  /** What it looks for and the clause it protects, shown with every flag. */
  text: string;
  evaluate(input: RuleInput): RuleHit[];
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Every threshold, with why. Change them here only. */
export const MISUSE_THRESHOLDS = {
  repeatedPlate: {
    windowDays: 30,
    minSearches: 3,
    why: 'Three searches of one plate in 30 days is more than one investigation usually needs; under different (or no) case numbers it suggests a person, not a case, is being followed.',
  },
  bulk: {
    windowMinutes: 10,
    maxSearches: 30,
    why: 'An investigator types a search every 20 seconds at most; more than 30 in 10 minutes is scripted or bulk browsing.',
  },
  offHours: {
    historyDays: 60,
    minHistory: 20,
    neighbourHours: 1,
    why: 'With at least 20 searches in the last 60 days a user\'s working hours are known; a search more than an hour away from any of them is out of pattern.',
  },
  purposeReuse: {
    windowDays: 30,
    maxDistinctPlates: 8,
    why: 'One case seldom involves more than a handful of vehicles; one stated purpose carried across more than 8 different plates in 30 days looks like a purpose reused to cover unrelated searches.',
  },
  sensitivePlace: {
    lookbackDays: 90,
    why: 'Searching a vehicle that was read at a place of worship, a clinic or a protest can expose religion, health or political activity; the last 90 days of reads are checked.',
  },
} as const;

/** How far back the scanner loads history for the rules (the longest window above). */
export const HISTORY_DAYS = Math.max(MISUSE_THRESHOLDS.offHours.historyDays, MISUSE_THRESHOLDS.repeatedPlate.windowDays, MISUSE_THRESHOLDS.purposeReuse.windowDays);

const hourOf = (at: number) => new Date(at).getUTCHours();
const hourGap = (a: number, b: number) => Math.min(Math.abs(a - b), 24 - Math.abs(a - b));
const purposeKey = (e: ScanEntry) => `${e.actorUsername}\u0000${e.purposeCase ?? ''}\u0000${e.purposeCategory}\u0000${e.purposeReason.trim().toLowerCase()}`;

/** Entries of `history` in (at - windowMs, at] up to and including seq, that pass `keep`. */
function windowBefore(history: readonly ScanEntry[], entry: ScanEntry, windowMs: number, keep: (e: ScanEntry) => boolean): ScanEntry[] {
  return history.filter((e) => e.seq <= entry.seq && e.at > entry.at - windowMs && keep(e));
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
/** "under 2 different case numbers and once with none", "with no case number", … */
function caseWording(caseCount: number, none: number): string {
  const under = caseCount === 0 ? '' : caseCount === 1 ? 'under one case number' : `under ${caseCount} different case numbers`;
  if (none === 0) return under;
  return under ? `${under} and ${times(none)} with none` : 'with no case number';
}

const repeatedPlate: MisuseRule = {
  id: 'repeated_plate',
  title: 'Same plate searched repeatedly under different or no cases',
  text: 'A plate searched at least 3 times in 30 days under more than one case number, or with none. Protects the rule that ALPR data is searched only for a specific, documented law-enforcement purpose (Civ. Code 1798.90.51(b); R21, R22) and not to follow a person.',
  evaluate({ batch, history }) {
    const { windowDays, minSearches } = MISUSE_THRESHOLDS.repeatedPlate;
    const hits: RuleHit[] = [];
    for (const entry of batch) {
      if (!entry.inquiry) continue;
      for (const plate of entry.plates) {
        const searches = windowBefore(indexOf(history).byPlate.get(plate) ?? NONE, entry, windowDays * DAY, () => true);
        if (searches.length < minSearches) continue;
        const cases = new Set(searches.map((e) => e.purposeCase ?? ''));
        const none = searches.filter((e) => !e.purposeCase).length;
        if (cases.size < 2 && none === 0) continue;
        hits.push({ seq: entry.seq, reason: `Plate ${plate} searched ${searches.length} times in ${windowDays} days ${caseWording(cases.size - (none > 0 ? 1 : 0), none)}.` });
        break;
      }
    }
    return hits;
  },
};

const bulk: MisuseRule = {
  id: 'bulk_searches',
  title: 'Searches in bulk',
  text: 'More than 30 searches by one user within 10 minutes. Protects the prohibition on browsing ALPR data without a specific purpose (R22) and the need-to-know limit on access (R17).',
  evaluate({ batch, history }) {
    const { windowMinutes, maxSearches } = MISUSE_THRESHOLDS.bulk;
    const hits: RuleHit[] = [];
    for (const entry of batch) {
      if (!entry.inquiry) continue;
      const recent = windowBefore(indexOf(history).byUser.get(entry.actorUsername) ?? NONE, entry, windowMinutes * MINUTE, () => true);
      // One flag per burst: at the search that crosses the line.
      if (recent.length === maxSearches + 1) hits.push({ seq: entry.seq, reason: `${entry.actorUsername} made ${recent.length} searches within ${windowMinutes} minutes.` });
    }
    return hits;
  },
};

const offHours: MisuseRule = {
  id: 'off_hours',
  title: 'Search outside the user\'s usual hours',
  text: 'A search at an hour (UTC) more than an hour away from every hour the user searched in the last 60 days, once the user has at least 20 searches. Protects the rule that access is for official duties only (R17, R22).',
  evaluate({ batch, history }) {
    const { historyDays, minHistory, neighbourHours } = MISUSE_THRESHOLDS.offHours;
    const hits: RuleHit[] = [];
    for (const entry of batch) {
      if (!entry.inquiry) continue;
      const before = (indexOf(history).byUser.get(entry.actorUsername) ?? NONE).filter((e) => e.seq < entry.seq && e.at > entry.at - historyDays * DAY);
      if (before.length < minHistory) continue;
      const hour = hourOf(entry.at);
      if (before.some((e) => hourGap(hourOf(e.at), hour) <= neighbourHours)) continue;
      hits.push({ seq: entry.seq, reason: `${entry.actorUsername} searched at ${String(hour).padStart(2, '0')}:00 UTC; none of their ${before.length} searches in the last ${historyDays} days was within ${neighbourHours} hour of that.` });
    }
    return hits;
  },
};

const purposeReuse: MisuseRule = {
  id: 'purpose_reused',
  title: 'One purpose reused across unrelated searches',
  text: 'The same stated purpose (case number, category and reason) used by one user for more than 8 different plates in 30 days. Protects the requirement that each search states its own specific purpose (R21) and that the purpose is recorded truthfully (R25).',
  evaluate({ batch, history }) {
    const { windowDays, maxDistinctPlates } = MISUSE_THRESHOLDS.purposeReuse;
    const hits: RuleHit[] = [];
    for (const entry of batch) {
      if (!entry.inquiry || entry.plates.length === 0) continue;
      const key = purposeKey(entry);
      const earlier = windowBefore(indexOf(history).byUser.get(entry.actorUsername) ?? NONE, entry, windowDays * DAY, (e) => e.seq < entry.seq && purposeKey(e) === key);
      const seen = new Set(earlier.flatMap((e) => e.plates));
      const newPlates = entry.plates.filter((p) => !seen.has(p));
      if (seen.size <= maxDistinctPlates && seen.size + newPlates.length > maxDistinctPlates) {
        hits.push({ seq: entry.seq, reason: `The purpose "${entry.purposeCase ?? 'no case'} · ${entry.purposeReason}" has now covered ${seen.size + newPlates.length} different plates in ${windowDays} days.` });
      }
    }
    return hits;
  },
};

const sensitivePlace: MisuseRule = {
  id: 'sensitive_place',
  title: 'Search for a vehicle seen at a sensitive place',
  text: 'A searched plate was read inside a geofence the administrator marked sensitive (place of worship, clinic, protest) in the last 90 days. Protects the bans on using ALPR data over religion, health care or lawful protest, including reproductive health care (R22, R37; First Amendment; Health & Safety Code 123460 et seq.).',
  evaluate({ batch, sensitive }) {
    const hits: RuleHit[] = [];
    for (const entry of batch) {
      if (!entry.inquiry) continue;
      const plate = entry.plates.find((p) => sensitive.has(p));
      if (plate) hits.push({ seq: entry.seq, reason: `Plate ${plate} was read at ${sensitive.get(plate)!.join(', ')} in the last ${MISUSE_THRESHOLDS.sensitivePlace.lookbackDays} days.` });
    }
    return hits;
  },
};

const newDevice: MisuseRule = {
  id: 'new_device',
  title: 'Sign-in from a new device',
  text: 'A successful sign-in from a device (or, without one, an address) the user never signed in from before. Protects access only from approved, agency-issued devices and by the account\'s owner (R14, R19).',
  evaluate({ batch, knownDevices }) {
    const hits: RuleHit[] = [];
    const seen = new Map<string, Set<string>>();
    for (const entry of batch) {
      if (entry.category !== 'auth' || entry.action !== 'auth.sign_in' || !entry.success) continue;
      const device = entry.device ?? entry.clientAddress ?? '(unknown)';
      const mine = seen.get(entry.actorUsername) ?? new Set(knownDevices.get(entry.actorUsername) ?? []);
      seen.set(entry.actorUsername, mine);
      if (mine.size > 0 && !mine.has(device)) hits.push({ seq: entry.seq, reason: `${entry.actorUsername} signed in from a device not seen before: ${device.slice(0, 120)}.` });
      mine.add(device);
    }
    return hits;
  },
};

export const MISUSE_RULES: readonly MisuseRule[] = [repeatedPlate, bulk, offHours, purposeReuse, sensitivePlace, newDevice];

export const ruleById = (id: string): MisuseRule | undefined => MISUSE_RULES.find((rule) => rule.id === id);
