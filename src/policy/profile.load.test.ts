// Loading: the six shipped profiles, names vs paths, the profiles folder, and file-level errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findProfilesDir, listProfiles, loadProfile, ProfileError, profilesDir, resolveProfilePath } from './index.js';
import { floorsUnder, floorValue } from './profile.floor.js';
import { isNotSetByPolicy, openItems } from './profile.describe.js';

const SHIPPED = ['ca-doj-template', 'el-cajon-pd', 'imperial-county-so', 'la-port-police', 'los-altos-pd', 'template'];
const here = dirname(fileURLToPath(import.meta.url));

describe('shipped profiles', () => {
  it('listProfiles returns the six shipped names', () => {
    expect(listProfiles()).toEqual(SHIPPED);
  });

  it.each(SHIPPED)('%s loads and validates', (name) => {
    const profile = loadProfile(name);
    expect(profile.agency.state).toBe('CA');
    expect(profile.version).toBe(1);
  });

  it.each(SHIPPED)('%s: every key not set by policy holds the platform floor', (name) => {
    const profile = loadProfile(name);
    for (const key of Object.keys(profile.notSetByPolicy)) {
      expect(isNotSetByPolicy(profile, key)).toBe(true);
      for (const [path, floor] of floorsUnder(key)) {
        const value = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], profile);
        expect(value, path).toEqual(floorValue(floor, profile));
      }
    }
  });

  it.each(SHIPPED.filter((n) => n !== 'template' && n !== 'ca-doj-template'))('%s cites its source file and section prefix', (name) => {
    const profile = loadProfile(name);
    expect(profile.policy.sourceFile).toMatch(/^00[0-4]_[0-9a-f]{16}\.txt$/);
    expect(profile.policy.sectionPrefix).toMatch(/^(470|427|462)$/);
  });

  it('no shipped profile prints an Administrator name, so each has it as an open item (R44)', () => {
    for (const name of SHIPPED) expect(openItems(loadProfile(name))[0]).toMatch(/^administrator\.name/);
  });
});

describe('finding profiles', () => {
  it('profilesDir is the repo-root profiles/ folder, found by walking up from the module', () => {
    expect(profilesDir()).toBe(join(here, '..', '..', 'profiles'));
    expect(findProfilesDir(join(here, 'deeper', 'still'))).toBe(profilesDir());
    // From a compiled module in dist/policy the walk ends at the same folder.
    expect(findProfilesDir(join(here, '..', '..', 'dist', 'policy'))).toBe(profilesDir());
  });

  it('a name means profiles/<name>.yaml; a slash or .yaml means a path', () => {
    expect(resolveProfilePath('el-cajon-pd')).toBe(join(profilesDir(), 'el-cajon-pd.yaml'));
    expect(resolveProfilePath('/tmp/x.yaml')).toBe('/tmp/x.yaml');
    expect(resolveProfilePath('custom.yml')).toMatch(/custom\.yml$/);
  });

  it('loads a profile from a path', () => {
    const profile = loadProfile(join(profilesDir(), 'los-altos-pd.yaml'));
    expect(profile.agency.name).toBe('Los Altos Police Department');
  });

  it('an unknown name lists the shipped profiles', () => {
    expect(() => loadProfile('nowhere-pd')).toThrow(/does not exist; shipped profiles: ca-doj-template, el-cajon-pd/);
  });

  it('a name with odd characters is refused', () => {
    expect(() => loadProfile('El Cajon')).toThrow(ProfileError);
  });

  it('invalid YAML is a ProfileError that says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'agency: { name: [unclosed\n');
    expect(() => loadProfile(file)).toThrow(/\(yaml\): not valid YAML/);
  });

  it('an empty file says the whole document must be a mapping', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    expect(() => loadProfile(file)).toThrow(/\(document\): must be a mapping with keys version, agency/);
  });
});
