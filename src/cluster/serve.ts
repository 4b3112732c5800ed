// `platekeeper serve --role api|writer|matcher|scheduler`: starts one cluster role, says so in one
// line (the API role's line matches the single process's, "Platekeeper is running at <url> (…)"),
// and stops cleanly on SIGINT/SIGTERM. A role killed outright loses nothing acknowledged: the
// stream keeps every read until the writer and matcher acknowledged it.
import type { Config } from '../platform/config.js';
import { startRole } from './roles.js';

export async function serveRole(config: Config): Promise<void> {
  const running = await startRole(config);
  const where = `PostgreSQL at ${running.database.location}; bus ${running.bus.servers}`;
  if (running.address) console.log(`Platekeeper is running at ${running.address.replace('127.0.0.1', 'localhost')} (role api; ${where}; policy profile: ${config.profile}).`);
  else console.log(`Platekeeper ${running.role} is running (${where}).`);
  if (running.app?.bootstrap) {
    console.log('');
    console.log('First start: an administrator account was created. Sign in with');
    console.log(`  username: ${running.app.bootstrap.username}`);
    console.log(`  password: ${running.app.bootstrap.password}`);
    console.log('This password is shown only now; you will be asked to change it.');
    console.log('');
  }
  if (running.app?.firstDevice) {
    console.log('This policy profile allows sign-in only from agency-issued devices, and none is enrolled yet.');
    console.log(`  device enrollment code: ${running.app.firstDevice.enrollmentCode}`);
    console.log(`(valid until ${new Date(running.app.firstDevice.enrollmentExpiresAt).toISOString()}).`);
    console.log('');
  }
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
