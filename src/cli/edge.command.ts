// `platekeeper edge`: the patrol-car edge unit (issue 10). The server address and key come from
// flags or the environment here, in the CLI layer only; the unit itself takes them as options.
import type { Command } from 'commander';
import { startEdge } from '../edge/edge.js';

interface EdgeFlags {
  server?: string;
  key?: string;
  journal: string;
  port: string;
  host: string;
  batch: string;
  timeZone: string;
  hotlists: boolean;
  hotlistRefresh: string;
  hotlistStaleHours?: string;
}

function usage(message: string): Error {
  return Object.assign(new Error(message), { exitCode: 64 });
}

function integer(value: string, name: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw usage(`--${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  return parsed;
}

export function registerEdgeCommand(program: Command): void {
  program
    .command('edge')
    .description('run the patrol-car edge unit: journal reads locally and forward them to the server')
    .option('--server <url>', 'the Platekeeper server, e.g. https://alpr.example.gov (or PLATEKEEPER_EDGE_SERVER)')
    .option('--key <pkc_…>', "the camera's ingest key (or PLATEKEEPER_EDGE_KEY)")
    .option('--journal <dir>', 'folder for the local journal', './edge-journal')
    .option('--port <port>', 'port of the local receiver', '8181')
    .option('--host <host>', 'address of the local receiver', '127.0.0.1')
    .option('--batch <reads>', 'reads per request to the server', '500')
    .option('--time-zone <zone>', 'IANA zone for vendor times without a zone', 'UTC')
    .option('--hotlist-refresh <minutes>', 'minutes between hot-list downloads for local matching (0: only at start)', '15')
    .option('--hotlist-stale-hours <hours>', "age after which the local hot lists are flagged as possibly stale (default: twice the agency's download interval, R12)")
    .option('--no-hotlists', 'do not take hot lists down or match reads on the unit')
    .action(async (flags: EdgeFlags) => {
      const server = flags.server ?? process.env.PLATEKEEPER_EDGE_SERVER;
      const key = flags.key ?? process.env.PLATEKEEPER_EDGE_KEY;
      if (!server || !key) throw usage('edge needs the server address and the camera key: --server URL --key pkc_… (or PLATEKEEPER_EDGE_SERVER / PLATEKEEPER_EDGE_KEY).');
      if (!key.startsWith('pkc_')) throw usage('--key must be a camera ingest key (pkc_…), as printed by `platekeeper cameras add`.');
      let url: URL;
      try {
        url = new URL(server);
      } catch {
        throw usage(`--server must be a URL such as https://alpr.example.gov, not "${server}".`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`--server must be an http or https URL, not "${server}".`);
      const edge = await startEdge({
        server: url.toString(),
        key,
        journalDir: flags.journal,
        host: flags.host,
        port: integer(flags.port, 'port', 0, 65_535),
        batch: integer(flags.batch, 'batch', 1, 5_000),
        timeZone: flags.timeZone,
        hotlists: flags.hotlists
          ? {
              refreshMinutes: integer(flags.hotlistRefresh, 'hotlist-refresh', 0, 1_440),
              ...(flags.hotlistStaleHours !== undefined ? { staleAfterMs: integer(flags.hotlistStaleHours, 'hotlist-stale-hours', 1, 720) * 3_600_000 } : {}),
            }
          : false,
      });
      const status = edge.status();
      console.log(`Platekeeper edge is receiving at ${edge.url} and forwarding to ${url.origin} (journal ${status.journal}: ${status.backlog} read(s) waiting).`);
      if (status.hotlists) console.log(`Local hot lists: ${status.hotlists.version ? `${status.hotlists.entries} entries on disk, ${status.hotlists.ageMinutes} min old` : 'none on disk yet'}; downloading now. Local alerts: ${edge.url}/alerts`);
      const stop = async () => {
        await edge.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
