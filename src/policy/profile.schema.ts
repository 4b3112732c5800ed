// The policy profile (R1–R44): one validated document per agency that holds every number and rule
// that differs between the five policies in /work/shared/policies. Capabilities read their numbers
// from here, never from constants of their own.
//
// Every field's `description` cites its requirement (R-number) and is shown to administrators.
//
// "Not set by policy" convention: values stay plain (a number is always a number), and the
// top-level `notSetByPolicy` map lists each key path the agency's file is silent on, with a note.
// A listed key must hold the platform floor (profile.floor.ts): the law's floor, or where the law
// names no number the protective baseline the requirements set (mostly the DOJ model policy's
// recommendation), never a looser value. The loader rejects a listed key that holds anything else.
import { Type, type Static } from 'typebox';

const MAX_DAYS = 36_500;
const text = (description: string) => Type.String({ minLength: 1, description });

/** Retention for ALPR data: always purged (maxDays is a number). */
const Purged = (what: string, r: string) =>
  Type.Object(
    {
      minDays: Type.Integer({ minimum: 0, maximum: MAX_DAYS, description: `${r}: ${what} are not purged before this many days (a legal minimum such as "at least 2 years"); 0 = no minimum.` }),
      maxDays: Type.Integer({ minimum: 1, maximum: MAX_DAYS, description: `${r}: ${what} are purged once this many days old, unless held as evidence (R31); must be ≥ minDays.` }),
      cite: Type.Optional(text(`${r}: policy section(s) these numbers come from, e.g. "470.5"; shown on the transparency page.`)),
    },
    { additionalProperties: false, description: `${r}: how long ${what} are kept.` },
  );

/** Retention for accountability records: kept at least minDays; maxDays null = no automatic purge. */
const Kept = (what: string, r: string) =>
  Type.Object(
    {
      minDays: Type.Integer({ minimum: 0, maximum: MAX_DAYS, description: `${r}: ${what} are kept at least this many days.` }),
      maxDays: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_DAYS }), Type.Null()], {
        description: `${r}: ${what} are purged once this many days old; null = never purged automatically (the Custodian of Records deletes them under the records schedule).`,
      }),
      cite: Type.Optional(text(`${r}: policy section(s) these numbers come from; shown on the transparency page.`)),
    },
    { additionalProperties: false, description: `${r}: how long ${what} are kept.` },
  );

const Agency = Type.Object(
  {
    name: text('R43, R44: the agency\'s full name, as published with the policy.'),
    shortName: text('R43: short name for screens and reports.'),
    ori: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9A-Z]{7}$', description: 'R14, R25: the agency\'s 9-character NCIC Originating Agency Identifier, recorded with access and sharing records.' })),
    jurisdiction: text('R43: the city, county or port the agency serves.'),
    state: Type.Literal('CA', { description: 'R34: the profile is for a California agency (Civ. Code §§ 1798.90.5–1798.90.55 and the CA Values Act apply).' }),
    website: Type.Optional(Type.String({ pattern: '^https://', description: 'R43: the department website where the policy is conspicuously posted.' })),
  },
  { additionalProperties: false, description: 'R43, R44: who operates the system.' },
);

const Policy = Type.Object(
  {
    title: text('R43: the policy\'s title, e.g. "Automated License Plate Readers (ALPRs)".'),
    sectionPrefix: Type.String({ pattern: '^[0-9]+$', description: 'R43: the policy manual chapter, e.g. "470"; citations read [470.5].' }),
    sourceFile: text('R43: file name of the policy text this profile was read from.'),
    url: Type.Optional(Type.String({ pattern: '^https://', description: 'R43: where the policy is posted on the department\'s website.' })),
  },
  { additionalProperties: false, description: 'R43: the usage and privacy policy this profile expresses.' },
);

const Administrator = Type.Object(
  {
    title: text('R5, R16, R44: title of the ALPR Administrator, who designates hot lists and keeps the list of authorized users; published.'),
    name: Type.Union([text('name'), Type.Null()], { description: 'R44: name of the current ALPR Administrator, published with the title; null until the agency enters it (no policy file prints it).' }),
    systemManagerTitle: text('R14, R16, R42: who manages installation, maintenance and access day to day, when not the Administrator (El Cajon: ITP Sergeant).'),
    retentionManagerTitle: text('R30, R31, R33: who administers retention and destruction (purges, legal holds), when not the Administrator (El Cajon: Support Bureau Captain).'),
    trainingCoordinatorTitle: text('R15: who ensures members receive department-approved training.'),
  },
  { additionalProperties: false, description: 'R44: the ALPR Administrator and who holds the duties the policy assigns elsewhere.' },
);

const Retention = Type.Object(
  {
    fixedReads: Purged('reads from fixed cameras', 'R30'),
    mobileReads: Purged('reads from mobile (vehicle-mounted) units', 'R30'),
    images: Purged('plate and vehicle images (never kept longer than their read)', 'R1, R30'),
    hotLists: Purged('replaced hot-list versions and removed agency entries', 'R13'),
    alerts: Purged('alerts (hits) and their dispositions', 'R9, R11, R30'),
    accessLog: Kept('access-log records (who queried what, when, why)', 'R25'),
    auditRecords: Kept('audit memoranda and their working papers', 'R26, R27'),
    sharingRecords: Kept('sharing records: approved requests, agreements, e-mail transfers', 'R35, R38'),
    exports: Purged('downloaded, shared or printed copies (maxDays = destroy within; evidence booked under R31 excepted)', 'R32'),
    purgeOutsideServers: Type.Boolean({ description: 'R33: a purge also reaches copies on outside servers (regional centers, vendor hosts).' }),
  },
  { additionalProperties: false, description: 'R30–R33: retention per data class, in days.' },
);

const HotLists = Type.Object(
  {
    generalDownloadIntervalHours: Type.Integer({ minimum: 1, maximum: 24, description: 'R6: general hot lists (NCIC/NLETS SVS, SFR, SLR; CA DOJ) are downloaded at least this often, in hours; at most 24 (once a day).' }),
    agencyEntriesNeedSupervisorApproval: Type.Boolean({ description: 'R7: an agency-specific entry or update takes effect only after a supervisor approves it.' }),
    newListNeedsAdministratorApproval: Type.Boolean({ description: 'R5, R7: a new hot list is used only after the ALPR Administrator (or designee) approves it.' }),
    partialPlateEntries: Type.Boolean({ description: 'R8: partial plates reported during major crimes may be entered to find suspect vehicles.' }),
    vehicleDescriptionEntries: Type.Boolean({ description: 'R8: vehicle descriptions reported during major crimes may be entered.' }),
  },
  { additionalProperties: false, description: 'R5–R8, R12: hot lists.' },
);

const Alerts = Type.Object(
  {
    cletsCheck: Type.Union([Type.Literal('mandatory'), Type.Literal('ifPracticable')], {
      description: 'R10: "mandatory": no stop or detention on an alert is recorded without a CLETS/dispatch confirmation that the plate is still listed; "ifPracticable": the officer may proceed without one by recording why it was not practicable. Visual verification against the image is always required.',
    }),
    exigentOverrideAllowed: Type.Boolean({ description: 'R10: the confirmation may be skipped in exigent circumstances, which are recorded with the stop.' }),
  },
  { additionalProperties: false, description: 'R9–R12: acting on alerts.' },
);

const Access = Type.Object(
  {
    trainingRequiredBeforeAccess: Type.Literal(true, { description: 'R15: no one operates ALPR equipment or accesses ALPR data before department-approved training (every policy; cannot be turned off).' }),
    retrainingIntervalMonths: Type.Integer({ minimum: 1, maximum: 60, description: 'R15: training is repeated at least this often, in months.' }),
    retrainOnReactivation: Type.Boolean({ description: 'R15, R18: a reactivated account, or a user back from an unauthorized job, retrains before access.' }),
    inactivitySuspensionMonths: Type.Integer({ minimum: 1, maximum: 60, description: 'R18: an account not used to access ALPR information for this many months is suspended.' }),
    approvalReviewIntervalMonths: Type.Integer({ minimum: 1, maximum: 60, description: 'R18: each user\'s approval is reviewed at least this often, in months.' }),
    twoFactorRequired: Type.Boolean({ description: 'R19: sign-in needs at least two factors.' }),
    agencyDevicesOnly: Type.Boolean({ description: 'R19: access only from agency-issued computers, phones or smart devices.' }),
    authorizedJobTitles: Type.Array(text('job title'), {
      uniqueItems: true,
      description: 'R16: job titles the Administrator may authorize (e.g. sworn officers, crime analysts, dispatchers); empty = the policy names none, so no title is authorized until the Administrator lists them.',
    }),
    idleTimeoutMinutes: Type.Integer({ minimum: 1, maximum: 30, description: 'R14, R42: a session idle this many minutes signs out; at most 30.' }),
    sessionLifetimeHours: Type.Integer({ minimum: 1, maximum: 24, description: 'R14, R42: a session ends this many hours after sign-in, whatever its use.' }),
  },
  { additionalProperties: false, description: 'R14–R20: who may access the system and how.' },
);

const Purposes = Type.Object(
  {
    prohibitImmigrationEnforcement: Type.Literal(true, {
      description: 'R37: never used or shared for federal immigration enforcement (ICE, CBP). On for every profile: the CA Values Act (Gov. Code 7282.5, 7284.2 et seq.) and Civ. Code 1798.90.55(b) bind every California agency.',
    }),
    prohibitReproductiveHealthCareProsecution: Type.Literal(true, {
      description: 'R37: never used or shared to investigate or prosecute anyone for reproductive health care lawful in California. On for every profile: California law (Reproductive Privacy Act, Health & Safety Code 123460–123469) binds every California agency.',
    }),
  },
  { additionalProperties: false, description: 'R17, R21, R22, R37: purposes the system refuses whatever the user states.' },
);

const Audits = Type.Object(
  {
    frequencyMonths: Type.Integer({ minimum: 1, maximum: 12, description: 'R26, R28: a detection-browsing audit is due at least this often, in months (12 = yearly, 6 = twice a year).' }),
    sampleSize: Type.Integer({ minimum: 10, maximum: 1000, description: 'R26: inquiries selected at random per audit; at least 10.' }),
    lookbackMonths: Type.Integer({ minimum: 1, maximum: 24, description: 'R26: the sample is drawn from inquiries of the preceding this-many months.' }),
    memorandumTo: text('R26, R27: who receives, reviews and approves the audit memorandum (e.g. Chief of Police).'),
    auditorTitle: text('R26, R27: who conducts the audit (recorded with it).'),
    filedWith: text('R26: who files and keeps the memorandum (e.g. Custodian of Records).'),
    outsideAgencyAuditMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 24 }), Type.Null()], {
      description: 'R26: an outside law-enforcement agency audits at least this often, in months; null = not required.',
    }),
    recordsRetentionMonths: Type.Integer({ minimum: 12, maximum: 600, description: 'R27: audit records are kept at least this many months (recommended 36); retention.auditRecords.minDays must cover it.' }),
  },
  { additionalProperties: false, description: 'R26–R28: audits.' },
);

const Sharing = Type.Object(
  {
    mayReceive: Type.Union([Type.Literal('lawEnforcementOrProsecutorial'), Type.Literal('anyCaliforniaPublicAgency')], {
      description: 'R34: who may receive ALPR data. Either way only California public agencies (Civ. Code 1798.90.55(b)): never federal or out-of-state agencies or private entities.',
    }),
    writtenRequestRequired: Type.Boolean({ description: 'R35: a written request naming the agency, the requester and the purpose is needed and kept on file.' }),
    approverTitle: text('R35: who reviews and approves a request before it is fulfilled.'),
    participatingAgencyAgreements: Type.Boolean({ description: 'R36: signatories of a participating agency agreement may receive data under that agreement.' }),
    recordTransfers: Type.Boolean({ description: 'R38: every agency shared with and every transfer (e-mail included) is recorded.' }),
    cite: Type.Optional(text('R34: the policy section on sharing, e.g. "462.7"; cited with each agency\'s eligibility.')),
  },
  { additionalProperties: false, description: 'R34–R40: sharing; ALPR data is never sold (R40).' },
);

const Recognition = Type.Object(
  {
    confidenceThreshold: Type.Number({ minimum: 0, maximum: 1, description: 'R3, R10: reads the recognizer scores below this (0–1) are marked for human verification.' }),
  },
  { additionalProperties: false, description: 'R3, R10: reading plates.' },
);

const Hosting = Type.Object(
  {
    allowedRegions: Type.Array(Type.Union([Type.Literal('US'), Type.Literal('CA')]), {
      minItems: 1,
      uniqueItems: true,
      description: 'R41: countries where hosted data may be stored (ISO 3166-1: "US" United States, "CA" Canada).',
    }),
  },
  { additionalProperties: false, description: 'R41: hosting.' },
);

export const PolicyProfileSchema = Type.Object(
  {
    version: Type.Literal(1, { description: 'Profile format version (not from a policy).' }),
    agency: Agency,
    policy: Policy,
    administrator: Administrator,
    retention: Retention,
    hotLists: HotLists,
    alerts: Alerts,
    access: Access,
    purposes: Purposes,
    audits: Audits,
    sharing: Sharing,
    recognition: Recognition,
    hosting: Hosting,
    notSetByPolicy: Type.Record(Type.String({ pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)*$' }), text('why'), {
      description: 'Key paths the policy is silent on, each with a note; such a key holds the platform floor (profile.floor.ts).',
    }),
  },
  { additionalProperties: false },
);

export type PolicyProfile = Static<typeof PolicyProfileSchema>;
export type RetentionClassName = Exclude<keyof PolicyProfile['retention'], 'purgeOutsideServers'>;
export const RETENTION_CLASSES = [
  'fixedReads', 'mobileReads', 'images', 'hotLists', 'alerts', 'accessLog', 'auditRecords', 'sharingRecords', 'exports',
] as const satisfies readonly RetentionClassName[];
