// Per-agency values, each checked against the section of its policy file it was read from.
import { describe, expect, it } from 'vitest';
import { describeRetention, isNotSetByPolicy, loadProfile } from './index.js';

describe('Imperial County SO (000, 470.x)', () => {
  const p = loadProfile('imperial-county-so');
  it('keeps all ALPR data at least two years, then purges [470.5] (R30)', () => {
    expect(p.retention.fixedReads).toMatchObject({ minDays: 730, maxDays: 730 });
    expect(p.retention.mobileReads).toMatchObject({ minDays: 730, maxDays: 730 });
  });
  it('CLETS check if practicable [470.4(l)]; partial plates [470.4(i)] but not descriptions', () => {
    expect(p.alerts.cletsCheck).toBe('ifPracticable');
    expect(p.hotLists.partialPlateEntries).toBe(true);
    expect(p.hotLists.vehicleDescriptionEntries).toBe(false);
  });
  it('the Division Chief administers and approves written requests [470.3, 470.7] (R35, R44)', () => {
    expect(p.administrator.title).toBe('Administrative and Support Services Division Chief');
    expect(p.sharing).toMatchObject({ mayReceive: 'lawEnforcementOrProsecutorial', writtenRequestRequired: true, approverTitle: p.administrator.title });
    expect(p.administrator.trainingCoordinatorTitle).toBe('Training Deputy');
  });
  it('"audits on a regular basis" [470.6(o)] sets no number: floor yearly, marked not set', () => {
    expect(p.audits.frequencyMonths).toBe(12);
    expect(isNotSetByPolicy(p, 'audits.frequencyMonths')).toBe(true);
  });
});

describe('El Cajon PD (001, 427.x)', () => {
  const p = loadProfile('el-cajon-pd');
  it('audits yearly, at least 10 inquiries from the preceding 6 months [427.8] (R26)', () => {
    expect(p.audits).toMatchObject({ frequencyMonths: 12, sampleSize: 10, lookbackMonths: 6, auditorTitle: 'Support Bureau Captain' });
  });
  it('vendor purges at the end of 30 days [427.6] (R30)', () => {
    expect(p.retention.fixedReads).toMatchObject({ minDays: 30, maxDays: 30 });
    expect(isNotSetByPolicy(p, 'retention.mobileReads.maxDays')).toBe(true);
  });
  it('retention, audits and sharing by the Support Bureau Captain; day to day by the ITP Sergeant [427.4–427.9]', () => {
    expect(p.administrator).toMatchObject({ title: 'Investigations Bureau Captain', systemManagerTitle: 'ITP Sergeant', retentionManagerTitle: 'Support Bureau Captain' });
    expect(p.sharing.approverTitle).toBe('Support Bureau Captain');
  });
  it('on-duty supervisor approves entries; lists downloaded daily [427.5.1] (R6, R7)', () => {
    expect(p.hotLists).toMatchObject({ agencyEntriesNeedSupervisorApproval: true, generalDownloadIntervalHours: 24 });
  });
  it('states both R37 prohibitions itself [427.3, 427.9]', () => {
    expect(isNotSetByPolicy(p, 'purposes.prohibitImmigrationEnforcement')).toBe(false);
    expect(isNotSetByPolicy(p, 'purposes.prohibitReproductiveHealthCareProsecution')).toBe(false);
  });
});

describe('LA Port Police (002, 462.x)', () => {
  const p = loadProfile('la-port-police');
  it('CLETS check is mandatory, with no exigent exception [462.3(f)] (R10)', () => {
    expect(p.alerts).toEqual({ cletsCheck: 'mandatory', exigentOverrideAllowed: false });
  });
  it('keeps data at least five years [462.4] (R30)', () => {
    expect(p.retention.fixedReads.minDays).toBe(1825);
    expect(p.retention.mobileReads.minDays).toBe(1825);
  });
  it('shares with agreement signatories or on written request, approved by the Division Commander [462.7] (R36)', () => {
    expect(p.sharing).toMatchObject({ participatingAgencyAgreements: true, writtenRequestRequired: true, approverTitle: 'Support Services Division Commander' });
  });
  it('R37 prohibitions are on by law though the policy is silent', () => {
    expect(p.purposes.prohibitImmigrationEnforcement).toBe(true);
    expect(isNotSetByPolicy(p, 'purposes.prohibitImmigrationEnforcement')).toBe(true);
  });
});

describe('CA DOJ model template (003, 429.x)', () => {
  const p = loadProfile('ca-doj-template');
  it('reads kept 60 days to 6 months [429.9] (R30)', () => {
    expect(p.retention.fixedReads).toMatchObject({ minDays: 60, maxDays: 180 });
    expect(p.retention.mobileReads).toMatchObject({ minDays: 60, maxDays: 180 });
  });
  it('12-month inactivity suspension, annual review, two factors, agency devices [429.4, 429.9] (R18, R19)', () => {
    expect(p.access).toMatchObject({ inactivitySuspensionMonths: 12, approvalReviewIntervalMonths: 12, twoFactorRequired: true, agencyDevicesOnly: true });
    expect(isNotSetByPolicy(p, 'access.inactivitySuspensionMonths')).toBe(false);
  });
  it('shares with any California public agency and records transfers [429.7] (R34, R38)', () => {
    expect(p.sharing).toMatchObject({ mayReceive: 'anyCaliforniaPublicAgency', recordTransfers: true });
  });
  it('audit records kept three years [429.8] (R27); hosting in US or Canada [429.6] (R41)', () => {
    expect(p.audits.recordsRetentionMonths).toBe(36);
    expect(p.hosting.allowedRegions).toEqual(['US', 'CA']);
  });
  it('the blanks are marked not set: export destruction period, hot-list retention, CLETS rule', () => {
    for (const key of ['retention.exports.maxDays', 'retention.hotLists.maxDays', 'alerts.cletsCheck']) expect(isNotSetByPolicy(p, key), key).toBe(true);
    expect(p.alerts.cletsCheck).toBe('mandatory');
  });
});

describe('Los Altos PD (004, 462.x)', () => {
  const p = loadProfile('los-altos-pd');
  it('vehicle-mounted data at most one year, fixed (vendor) 30 days, purged from outside servers [462.5] (R30, R33)', () => {
    expect(p.retention.mobileReads.maxDays).toBe(365);
    expect(p.retention.fixedReads.maxDays).toBe(30);
    expect(p.retention.purgeOutsideServers).toBe(true);
    expect(isNotSetByPolicy(p, 'retention.purgeOutsideServers')).toBe(false);
  });
  it('two audits a year plus a yearly outside-agency audit, memorandum to the Chief [462.6] (R26)', () => {
    expect(p.audits).toMatchObject({ frequencyMonths: 6, sampleSize: 10, lookbackMonths: 6, outsideAgencyAuditMonths: 12, memorandumTo: 'Chief of Police', filedWith: 'Custodian of Records' });
  });
  it('Administrator approves a new list; supervisor approves updates; descriptions allowed [462.4(c),(h)] (R7, R8)', () => {
    expect(p.hotLists).toMatchObject({ newListNeedsAdministratorApproval: true, agencyEntriesNeedSupervisorApproval: true, partialPlateEntries: true, vehicleDescriptionEntries: true });
  });
  it('authorized titles: sworn officers, crime analysts, dispatchers [462.3.1(a)] (R16)', () => {
    expect(p.access.authorizedJobTitles).toEqual(['Sworn police officer', 'Crime analyst', 'Communications dispatcher']);
  });
  it('CLETS verification before any action, exigent circumstances excepted [462.4(g), (h)1] (R10)', () => {
    expect(p.alerts).toEqual({ cletsCheck: 'mandatory', exigentOverrideAllowed: true });
  });
});

describe('describeRetention', () => {
  it('states each class with its citation, or that the policy does not set it', () => {
    const lines = describeRetention(loadProfile('imperial-county-so'));
    expect(lines[0]).toBe('Reads from fixed cameras: kept for 2 years (730 days), then purged [470.5].');
    expect(lines).toContain('Downloaded, shared or printed copies: destroyed within 30 days, unless booked into evidence (not set by policy).');
    expect(lines).toContain('Record of every access to ALPR data: kept at least 3 years (1095 days); never purged automatically (not set by policy).');
  });
  it('describes ranges and maxima', () => {
    expect(describeRetention(loadProfile('ca-doj-template'))[0]).toBe('Reads from fixed cameras: kept at least 60 days and at most 180 days, then purged [429.9].');
    const losAltos = describeRetention(loadProfile('los-altos-pd'));
    expect(losAltos[1]).toBe('Reads from mobile (vehicle-mounted) units: kept up to 1 year (365 days), then purged [462.5].');
    expect(losAltos).toContain('Purges also reach copies on outside servers.');
  });
});
