// Public API of the policy profile: the per-agency document of every number and rule that
// differs between the policies (R1–R44). Capabilities import from here only.
export { PolicyProfileSchema, RETENTION_CLASSES, type PolicyProfile, type RetentionClassName } from './profile.schema.js';
export {
  crossFieldIssues,
  findProfilesDir,
  listProfiles,
  loadProfile,
  ProfileError,
  profilesDir,
  resolveProfilePath,
  validateProfile,
} from './profile.load.js';
export { PLATFORM_FLOOR, floorValue, floorsUnder, type Floor } from './profile.floor.js';
export { describeRetention, formatDays, isNotSetByPolicy, openItems } from './profile.describe.js';
export { needsVerification } from './verification.js';
