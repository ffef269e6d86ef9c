import { spawnSync } from 'node:child_process';
import { type Needs, planPrerequisites } from './plan.js';
import { probeHost } from './probe.js';

/**
 * Makes sure what `needs` lists is on this machine before anything starts: goes on when it is,
 * installs Debian's packages when running as root on Debian or Ubuntu (apt-get, as `.ci/run`
 * does), else writes one line naming the command to run and exits the process with 1.
 */
export function ensurePrerequisites(needs: Needs): void {
  const plan = planPrerequisites(needs, probeHost());
  if (plan.kind === 'ready') return;
  if (plan.kind === 'stop') {
    process.stderr.write(`${plan.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`portico: installing ${plan.packages.join(' ')} (apt-get)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages],
  ];
  for (const args of steps) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      process.stderr.write(
        `portico: apt-get ${args.join(' ')} failed; install ${plan.packages.join(' ')} by hand\n`,
      );
      process.exit(1);
    }
  }
}
