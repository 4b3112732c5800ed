// Policy profiles for tests that need a setting no shipped profile has (every shipped profile
// requires two factors and agency devices): a copy of a shipped profile with some access.* keys
// changed, written to a temporary file whose path goes to startTestApp({ profile }).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { profilesDir } from '../src/policy/index.js';

export function profileWithAccess(overrides: Record<string, unknown>, base = 'ca-doj-template'): string {
  const document = parse(readFileSync(join(profilesDir(), `${base}.yaml`), 'utf8')) as { access: Record<string, unknown>; notSetByPolicy: Record<string, string> };
  for (const [key, value] of Object.entries(overrides)) {
    document.access[key] = value;
    // A key set on purpose is no longer "not set by policy" (which would pin it to the floor).
    delete document.notSetByPolicy[`access.${key}`];
  }
  const file = join(mkdtempSync(join(tmpdir(), 'platekeeper-profile-')), `${base}-test.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}
