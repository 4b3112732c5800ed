// Bad documents: each message names the key path and what is allowed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PLATFORM_FLOOR, PolicyProfileSchema, ProfileError, profilesDir, validateProfile } from './index.js';

type Doc = Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const imperial = (): Doc => parse(readFileSync(join(profilesDir(), 'imperial-county-so.yaml'), 'utf8')) as Doc;

function issuesOf(mutate: (doc: Doc) => void): string[] {
  const doc = imperial();
  mutate(doc);
  try {
    validateProfile(doc, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return [...(error as ProfileError).issues];
  }
  throw new Error('expected a ProfileError');
}

describe('schema errors', () => {
  it('a missing key names its path and what it must be', () => {
    expect(issuesOf((d) => delete d['retention']!['fixedReads'].maxDays)).toEqual([
      'retention.fixedReads.maxDays: is missing; must be an integer from 1 to 36500 [R30]',
    ]);
  });
  it('a missing section lists its keys', () => {
    expect(issuesOf((d) => delete d['alerts'])).toEqual(['alerts: is missing; must be a mapping with keys cletsCheck, exigentOverrideAllowed [R9–R12]']);
  });
  it('a wrong type says what is allowed and what was given', () => {
    expect(issuesOf((d) => (d['audits']!['sampleSize'] = 'ten'))).toEqual(['audits.sampleSize: must be an integer from 10 to 1000, got "ten" [R26]']);
  });
  it('a download interval over 24 hours is refused (R6)', () => {
    expect(issuesOf((d) => (d['hotLists']!['generalDownloadIntervalHours'] = 48))).toEqual(['hotLists.generalDownloadIntervalHours: must be ≤ 24, got 48 [R6]']);
  });
  it('a sample of fewer than 10 inquiries is refused (R26)', () => {
    expect(issuesOf((d) => (d['audits']!['sampleSize'] = 5))).toEqual(['audits.sampleSize: must be ≥ 10, got 5 [R26]']);
  });
  it('an unknown choice lists the choices', () => {
    expect(issuesOf((d) => (d['alerts']!['cletsCheck'] = 'sometimes'))).toEqual([
      'alerts.cletsCheck: must be one of "mandatory", "ifPracticable", got "sometimes" [R10]',
    ]);
  });
  it('a misspelt key is named with the keys allowed there', () => {
    const [issue] = issuesOf((d) => (d['access']!['twoFactorRequire'] = true));
    expect(issue).toMatch(/^access\.twoFactorRequire: is not a known key; allowed here: trainingRequiredBeforeAccess, .*twoFactorRequired/);
  });
  it('the R37 prohibitions cannot be switched off', () => {
    expect(issuesOf((d) => (d['purposes']!['prohibitImmigrationEnforcement'] = false))).toEqual([
      'purposes.prohibitImmigrationEnforcement: must be true, got false [R37]',
    ]);
  });
  it('a nullable retention says so; a region outside US/Canada is refused (R41)', () => {
    expect(issuesOf((d) => (d['retention']!['accessLog'].maxDays = 'forever'))).toEqual([
      'retention.accessLog.maxDays: must be an integer from 1 to 36500 or null, got "forever" [R25]',
    ]);
    expect(issuesOf((d) => (d['hosting']!['allowedRegions'] = ['US', 'MX']))).toEqual(['hosting.allowedRegions[1]: must be one of "US", "CA", got "MX" [R41]']);
  });
  it('reports every problem at once', () => {
    const issues = issuesOf((d) => {
      d['audits']!['sampleSize'] = 5;
      d['access']!['idleTimeoutMinutes'] = 90;
    });
    expect(issues).toHaveLength(2);
  });
  it('the error carries an id, a status and per-field details', () => {
    const error = new ProfileError('x.yaml', ['a.b: must be ≥ 1, got 0']);
    expect(error).toMatchObject({ id: 'policy_profile_invalid', status: 422, field: 'a.b' });
    expect(error.message).toBe('Policy profile x.yaml is invalid:\n  a.b: must be ≥ 1, got 0');
  });
});

describe('cross-field errors', () => {
  it('min greater than max names the key and the min', () => {
    expect(issuesOf((d) => (d['retention']!['fixedReads'].maxDays = 365))).toEqual(['retention.fixedReads.maxDays: must be ≥ minDays (730), got 365 [R30]']);
  });
  it('images never outlive their reads', () => {
    const issues = issuesOf((d) => (d['retention']!['images'].maxDays = 800));
    expect(issues).toEqual([expect.stringMatching(/^retention\.images\.maxDays: must be ≤ the longest read retention \(730\), got 800/)]);
  });
  it('audit records must be kept as long as audits.recordsRetentionMonths (R27)', () => {
    const issues = issuesOf((d) => {
      d['retention']!['auditRecords'].minDays = 365;
      delete d['notSetByPolicy']!['retention.auditRecords'];
    });
    expect(issues).toEqual(['retention.auditRecords.minDays: must be ≥ 1095 (audits.recordsRetentionMonths 36 months), got 365 [R27]']);
  });
  it('a key not set by policy must hold the floor, never a looser value', () => {
    expect(issuesOf((d) => (d['access']!['inactivitySuspensionMonths'] = 24))[0]).toMatch(
      /^access\.inactivitySuspensionMonths: is listed in notSetByPolicy, so it must be the platform floor 12, got 24/,
    );
    expect(issuesOf((d) => (d['retention']!['hotLists'].maxDays = 5000))[0]).toMatch(/^retention\.hotLists\.maxDays: .*platform floor 730, got 5000/);
  });
  it('once the policy sets it (removed from notSetByPolicy) another value is accepted', () => {
    const doc = imperial();
    doc['access']!['inactivitySuspensionMonths'] = 6;
    delete doc['notSetByPolicy']!['access.inactivitySuspensionMonths'];
    expect(validateProfile(doc).access.inactivitySuspensionMonths).toBe(6);
  });
  it('notSetByPolicy may only name keys that exist', () => {
    expect(issuesOf((d) => (d['notSetByPolicy']!['retention.bogus'] = 'x'))).toEqual(['notSetByPolicy.retention.bogus: no such key in the profile ("x")']);
  });
});

describe('schema documentation', () => {
  it('every field has a description citing its R-number', () => {
    const missing: string[] = [];
    const walk = (schema: Record<string, unknown>, path: string) => {
      for (const [key, child] of Object.entries((schema['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
        const at = path ? `${path}.${key}` : key;
        if (!['version', 'notSetByPolicy'].includes(at) && !/R\d+/.test(String(child['description'] ?? ''))) missing.push(at);
        walk(child, at);
      }
    };
    walk(PolicyProfileSchema as unknown as Record<string, unknown>, '');
    expect(missing).toEqual([]);
  });
  it('every platform floor names a real key and cites a requirement', () => {
    for (const [path, floor] of Object.entries(PLATFORM_FLOOR)) {
      const parts = path.split('.');
      let node = PolicyProfileSchema as unknown as Record<string, Record<string, Record<string, unknown>>>;
      for (const part of parts) node = node['properties']![part] as typeof node;
      expect(node, path).toBeDefined();
      expect(floor.why, path).toMatch(/^R\d+/);
    }
  });
});
