// Which agency a camera belongs to (issue 12). A county's agencies pool their cameras in one
// deployment; each read carries its camera's agency (`reads.agency_id`, the column a Citus
// deployment distributes on: deploy/citus.md). A camera nobody assigned belongs to the deployment's
// own agency, named by its policy profile.
import type { Kysely } from 'kysely';
import { HOUR } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import type { PolicyProfile } from '../policy/index.js';
import type { Tables } from '../storage/tables.js';

/** The placeholder `reads.agency_id` held before cameras had agencies (migration 20261123T0800). */
export const PLACEHOLDER_AGENCY = 'agency';

/**
 * The deployment's own agency id: its NCIC ORI where the profile records one (unique nationwide,
 * and what sharing and access records already name it by), otherwise the profile's short name.
 */
export function ownAgencyId(profile: Pick<PolicyProfile, 'agency'>): string {
  return profile.agency.ori ?? profile.agency.shortName;
}

/**
 * Assigns every camera without an agency to `agencyId`, and moves those cameras' reads off the
 * placeholder (found through reads_camera_time, one camera at a time). Run by CameraAgencyJob; after
 * its first run following migration 20261123T1650 it finds no camera and changes nothing.
 */
export async function adoptUnassignedCameras(db: Kysely<Tables>, agencyId: string): Promise<number> {
  const unassigned = await db.selectFrom('cameras').select('id').where('agencyId', 'is', null).execute();
  for (const { id } of unassigned) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('cameras').set({ agencyId }).where('id', '=', id).where('agencyId', 'is', null).execute();
      await tx.updateTable('reads').set({ agencyId }).where('cameraId', '=', id).where('agencyId', '=', PLACEHOLDER_AGENCY).execute();
    });
  }
  return unassigned.length;
}

/**
 * The adoption as a scheduled job, not a step of the start: on a large PostgreSQL store it rewrites
 * every old read's agency (10M reads: minutes per few dozen cameras), which must not hold the server
 * down, and on a cluster it then runs once under the job lease instead of on every node. Until it has
 * run, an unassigned camera's new reads already carry the deployment's own agency (cameras.service).
 */
export class CameraAgencyJob implements Job {
  readonly name = 'cameras.agency-adoption';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = 5_000;

  constructor(private readonly cameras: { adoptUnassigned(): Promise<number> }) {}

  async perform(): Promise<JobSummary> {
    return { camerasAdopted: await this.cameras.adoptUnassigned() };
  }
}
