// `platekeeper cameras …`: the camera registry from the server's own shell (an operator tool: it
// opens the database directly, so it needs the machine's access, not a web account).
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createApp } from '../app.js';
import { badRequest } from '../platform/errors.js';
import { configFrom, withCommonOptions, type CommonOptions } from './options.js';

async function withApp<T>(options: CommonOptions, work: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
  const app = await createApp(configFrom(options, { 'demo.enabled': false, 'log.level': 'warn' }));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw badRequest('invalid_option', `--${name} must be a number, not "${value}".`, name);
  return parsed;
}

export function registerCameraCommands(program: Command): void {
  const cameras = program.command('cameras').description('list and register cameras');

  withCommonOptions(cameras.command('list').description('list registered cameras'))
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions & { json?: boolean }) =>
      withApp(options, async (app) => {
        const list = await app.cameras.list();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else for (const camera of list) console.log(`${camera.id}  ${camera.kind.padEnd(6)} ${camera.status.padEnd(8)} ${camera.origin === 'demo' ? '[demo] ' : ''}${camera.name}`);
      }),
    );

  withCommonOptions(cameras.command('add').description('register a camera and print its ingest key (shown once)'))
    .requiredOption('--name <name>', 'camera name, e.g. "Main St & 2nd Ave NB"')
    .requiredOption('--kind <kind>', 'fixed or mobile')
    .option('--lat <lat>', 'latitude (fixed cameras)')
    .option('--lon <lon>', 'longitude (fixed cameras)')
    .option('--direction <degrees>', 'compass direction the camera faces')
    .option('--court-order <ref>', 'the court order covering a placement that is not public view (R4)')
    .option('--agency <id>', "the agency that owns the camera when several share this system, e.g. its ORI (default: this system's own agency)")
    .requiredOption('--attested-by <name>', 'who attests the placement (R4)')
    .action(async (options: CommonOptions & { name: string; kind: string; lat?: string; lon?: string; direction?: string; courtOrder?: string; agency?: string; attestedBy: string }) => {
      if (options.kind !== 'fixed' && options.kind !== 'mobile') throw badRequest('invalid_option', '--kind must be fixed or mobile.', 'kind');
      const lat = number(options.lat, 'lat');
      const lon = number(options.lon, 'lon');
      const direction = number(options.direction, 'direction');
      await withApp(options, async (app) => {
        const { camera, key } = await app.cameras.register(
          {
            name: options.name,
            kind: options.kind as 'fixed' | 'mobile',
            ...(lat !== undefined && lon !== undefined ? { location: { lat, lon } } : {}),
            ...(direction !== undefined ? { direction } : {}),
            placement: options.courtOrder ? 'court_order' : 'public_view',
            ...(options.courtOrder ? { courtOrderRef: options.courtOrder } : {}),
            ...(options.agency ? { agencyId: options.agency } : {}),
            attestation: true,
          },
          options.attestedBy,
        );
        // An operator at the server's shell is still an actor: the registration goes in the access log.
        await app.accessLog.recordChange({ userId: null, username: `cli:${userInfo().username}` }, 'camera.register', null, camera, { reason: `registered from the command line, attested by ${options.attestedBy}` });
        console.log(`Registered camera ${camera.id} (${camera.name}) for agency ${camera.agencyId}.`);
        console.log(`Ingest key (shown once): ${key.key}`);
      });
    });
}
