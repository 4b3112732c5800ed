// `platekeeper evidence verify BUNDLE`: checks an evidence bundle (R31, R32) anywhere, with no
// database: every file against manifest.json's SHA-256, then the archive byte for byte.
//
// Exit status: 0 and "ok"; 1 and a line naming the altered or missing file; 66 no such bundle file.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { notFound } from '../platform/errors.js';
import { verifyBundleFile } from '../retention/evidence.bundle.js';

export const EXIT_BUNDLE_ALTERED = 1;

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence bundles');
  evidence
    .command('verify')
    .description('check an evidence bundle: exit 0 and "ok", or 1 and a line naming the altered or missing file')
    .argument('<bundle>', 'the .zip file')
    .action(async (bundle: string) => {
      if (!existsSync(bundle)) throw notFound('bundle file', bundle);
      const outcome = await verifyBundleFile(bundle);
      if (outcome.ok) {
        console.log(`ok: ${outcome.files} files match manifest.json (case ${outcome.manifest.caseNumber}, bundle ${outcome.manifest.bundleId})`);
      } else {
        console.log(`altered: ${outcome.problem}`);
        process.exitCode = EXIT_BUNDLE_ALTERED;
      }
    });
}
