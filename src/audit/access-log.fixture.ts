// Test fixture, run as its own process: appends `count` entries to the access log of a data folder
// or database URL, so tests can check that separate processes keep one linear chain.
//   node --import tsx src/audit/access-log.fixture.ts <data-dir|postgres-url> <count> <username>
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/database.js';
import type { Tables } from '../storage/tables.js';
import { AccessLog } from './access-log.js';

const [target = '', count = '10', username = 'writer'] = process.argv.slice(2);
const database = await openDatabase<Tables>(/^postgres/.test(target) ? { databaseUrl: target, dataDir: '.' } : { dataDir: target });
const log = new AccessLog(database, systemClock, { organization: 'Fixture PD' });
try {
  await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      log.recordAccess({ actor: { userId: null, username }, purpose: { caseNumber: 'F-1', category: 'test', reason: 'concurrency fixture' }, action: 'search.plate', dataElements: { plate: `FIX${i}` }, resultCount: i, clientAddress: null, device: null }),
    ),
  );
} finally {
  await database.close();
}
