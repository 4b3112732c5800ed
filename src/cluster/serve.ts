// `platekeeper serve --role api|writer|matcher|scheduler`: starts one cluster role, says so in one
// line (the API role's line matches the single process's, "Platekeeper is running at <url> (…)"),
// and stops cleanly on SIGINT/SIGTERM. A role killed outright loses nothing acknowledged: the
// stream keeps every read until the writer and matcher acknowledged it.
import type { Config } from '../platform/config.js';
import { startRole } from './roles.js';

export async function serveRole(config: Config): Promise<void> {
  const running = await startRole(config);
  const where = `PostgreSQL at ${running.database.location}; bus ${running.bus.servers}`;
  // One write: the topology script and tests read the log as it grows, and a line at a time they
  // could see "is running" before the first start's credentials below it.
  const lines: string[] = [];
  if (running.address) lines.push(`Platekeeper is running at ${running.address.replace('127.0.0.1', 'localhost')} (role api; ${where}; policy profile: ${config.profile}).`);
  else lines.push(`Platekeeper ${running.role} is running (${where}).`);
  if (running.app?.bootstrap) {
    lines.push('', 'First start: an administrator account was created. Sign in with');
    lines.push(`  username: ${running.app.bootstrap.username}`, `  password: ${running.app.bootstrap.password}`);
    lines.push('This password is shown only now; you will be asked to change it.', '');
  }
  if (running.app?.firstDevice) {
    lines.push('This policy profile allows sign-in only from agency-issued devices, and none is enrolled yet.');
    lines.push(`  device enrollment code: ${running.app.firstDevice.enrollmentCode}`);
    lines.push(`(valid until ${new Date(running.app.firstDevice.enrollmentExpiresAt).toISOString()}).`, '');
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
