// Loads and validates a policy profile: YAML from profiles/<name>.yaml or a path, checked against
// the schema, then across fields (min ≤ max, floors for keys the policy does not set, …).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { floorsUnder, floorValue } from './profile.floor.js';
import { ProfileError, schemaIssues } from './profile.errors.js';
import { PolicyProfileSchema, RETENTION_CLASSES, type PolicyProfile } from './profile.schema.js';

export { ProfileError } from './profile.errors.js';

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Walks up from `start` to the first folder holding both `profiles/` and `package.json`. */
export function findProfilesDir(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'profiles');
    if (existsSync(candidate) && statSync(candidate).isDirectory() && existsSync(join(dir, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`No profiles/ folder found above ${start}.`);
  }
}

let cachedDir: string | undefined;
/** The shipped profiles folder at the repo root; works from src/ (tsx, vitest) and dist/. */
export function profilesDir(): string {
  cachedDir ??= findProfilesDir(dirname(fileURLToPath(import.meta.url)));
  return cachedDir;
}

/** Names of the shipped profiles (file names without `.yaml`), sorted. */
export function listProfiles(): string[] {
  return readdirSync(profilesDir())
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .filter((name) => NAME.test(name))
    .sort();
}

/** A name (`el-cajon-pd`) means profiles/<name>.yaml; anything with a slash or .yaml/.yml is a path. */
export function resolveProfilePath(pathOrName: string): string {
  const isPath = /[\\/]/.test(pathOrName) || /\.ya?ml$/i.test(pathOrName);
  if (isPath) return isAbsolute(pathOrName) ? pathOrName : resolve(pathOrName);
  if (!NAME.test(pathOrName)) {
    throw new ProfileError(pathOrName, [`(name): "${pathOrName}" is not a profile name; use lowercase letters, digits and dashes, or a path to a .yaml file`]);
  }
  return join(profilesDir(), `${pathOrName}.yaml`);
}

/** Reads, parses and validates a profile. Throws ProfileError naming each bad key. */
export function loadProfile(pathOrName: string): PolicyProfile {
  const file = resolveProfilePath(pathOrName);
  if (!existsSync(file)) {
    throw new ProfileError(pathOrName, [`(file): ${file} does not exist; shipped profiles: ${listProfiles().join(', ')}`]);
  }
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(file, [`(yaml): not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return validateProfile(document, file);
}

/** Validates a parsed document (schema, then cross-field rules); returns it typed. */
export function validateProfile(document: unknown, source = '(document)'): PolicyProfile {
  const issues = schemaIssues(PolicyProfileSchema, document);
  if (issues.length === 0 && !Value.Check(PolicyProfileSchema, document)) issues.push('(document): does not match the profile schema');
  if (issues.length > 0) throw new ProfileError(source, issues);
  const profile = document as PolicyProfile;
  const crossIssues = crossFieldIssues(profile);
  if (crossIssues.length > 0) throw new ProfileError(source, crossIssues);
  return profile;
}

function lookup(root: unknown, path: string): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return { found: false, value: undefined };
    node = (node as Record<string, unknown>)[key];
  }
  return { found: true, value: node };
}

const monthsToDays = (months: number) => Math.ceil((months * 365) / 12);

/** Rules that span fields. Each line names the key to fix and what it must be. */
export function crossFieldIssues(p: PolicyProfile): string[] {
  const issues: string[] = [];
  const r = p.retention;
  for (const name of RETENTION_CLASSES) {
    const { minDays, maxDays } = r[name];
    if (maxDays !== null && maxDays < minDays) issues.push(`retention.${name}.maxDays: must be ≥ minDays (${minDays}), got ${maxDays} [R30]`);
  }
  const longestRead = Math.max(r.fixedReads.maxDays, r.mobileReads.maxDays);
  if (r.images.maxDays > longestRead) {
    issues.push(`retention.images.maxDays: must be ≤ the longest read retention (${longestRead}), got ${r.images.maxDays}; an image is never kept longer than its read [R30]`);
  }
  if (r.exports.maxDays > longestRead) {
    issues.push(`retention.exports.maxDays: must be ≤ the longest read retention (${longestRead}), got ${r.exports.maxDays}; a copy never outlives the data [R32]`);
  }
  const auditDays = monthsToDays(p.audits.recordsRetentionMonths);
  if (r.auditRecords.minDays < auditDays) {
    issues.push(`retention.auditRecords.minDays: must be ≥ ${auditDays} (audits.recordsRetentionMonths ${p.audits.recordsRetentionMonths} months), got ${r.auditRecords.minDays} [R27]`);
  }
  if (p.access.idleTimeoutMinutes > p.access.sessionLifetimeHours * 60) {
    issues.push(`access.idleTimeoutMinutes: must be ≤ access.sessionLifetimeHours × 60 (${p.access.sessionLifetimeHours * 60}), got ${p.access.idleTimeoutMinutes} [R14]`);
  }
  for (const [key, note] of Object.entries(p.notSetByPolicy)) {
    if (!lookup(p, key).found || key.startsWith('notSetByPolicy')) {
      issues.push(`notSetByPolicy.${key}: no such key in the profile ("${note}")`);
      continue;
    }
    for (const [path, floor] of floorsUnder(key)) {
      const want = floorValue(floor, p);
      const have = lookup(p, path).value;
      if (!Value.Equal(have, want)) {
        issues.push(`${path}: is listed in notSetByPolicy, so it must be the platform floor ${JSON.stringify(want)}, got ${JSON.stringify(have)} (${floor.why.replace(/\.$/, '')}); cite the policy section and remove it from notSetByPolicy to use another value`);
      }
    }
  }
  return issues;
}
