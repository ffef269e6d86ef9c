/**
 * What the start and test commands need that npm cannot bring, and what to do when it is missing.
 * Pure: the facts come from probe.ts, so every branch is testable without touching the machine.
 */

/** The smallest Java major version DynamoDB Local runs on here. */
export const MIN_JAVA_MAJOR = 17;

export interface Needs {
  /** DynamoDB Local (a Java program): not needed when PORTICO_DYNAMODB_ENDPOINT names a DynamoDB. */
  java: boolean;
  /** The browser tests drive Chromium (playwright-core on the system's binary). */
  chromium: boolean;
}

export interface HostFacts {
  /** `java -version`'s major version; undefined when there is no `java` on PATH. */
  javaMajor: number | undefined;
  /** Whether the Chromium binary exists and is executable. */
  chromium: boolean;
  /** The Chromium binary looked for (`PORTICO_CHROMIUM`, default `/usr/bin/chromium`). */
  chromiumPath: string;
  /** Running as root (uid 0): apt-get may be run without sudo. */
  root: boolean;
  /** /etc/os-release names Debian or Ubuntu (ID or ID_LIKE) and apt-get is on PATH. */
  apt: boolean;
  /** The Debian package that carries a Java >= 17 runtime on this release. */
  javaPackage: string;
  /** `process.platform`, for the hint outside Debian. */
  platform: NodeJS.Platform;
}

export type Plan =
  | { kind: 'ready' }
  /** Install these Debian packages (running as root on Debian or Ubuntu), then go on. */
  | { kind: 'install'; packages: string[] }
  /** Stop before anything starts: `message` is one line naming the exact command to run. */
  | { kind: 'stop'; message: string };

/**
 * Decides between going on, installing Debian's packages (root on Debian/Ubuntu, the way
 * `.ci/run` does) and stopping with one line that names the command to run.
 */
export function planPrerequisites(needs: Needs, host: HostFacts): Plan {
  const missing: { what: string; pkg: string }[] = [];
  if (needs.java && (host.javaMajor === undefined || host.javaMajor < MIN_JAVA_MAJOR)) {
    const found = host.javaMajor === undefined ? 'no java on PATH' : `java ${host.javaMajor}`;
    missing.push({
      what: `Java ${MIN_JAVA_MAJOR}+ for DynamoDB Local (${found})`,
      pkg: host.javaPackage,
    });
  }
  if (needs.chromium && !host.chromium) {
    missing.push({
      what: `Chromium for the browser tests (none at ${host.chromiumPath})`,
      pkg: 'chromium',
    });
  }
  if (missing.length === 0) return { kind: 'ready' };
  const packages = missing.map((m) => m.pkg);
  if (host.apt && host.root) return { kind: 'install', packages };
  const what = missing.map((m) => m.what).join(' and ');
  const alternative = needs.java
    ? ', or set PORTICO_DYNAMODB_ENDPOINT to use a DynamoDB you already run'
    : '';
  const command = host.apt
    ? `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : installHint(
        missing.map((m) => m.pkg),
        host.platform,
      );
  return {
    kind: 'stop',
    message: `Portico needs ${what}: run \`${command}\` first${alternative}.`,
  };
}

/** Outside Debian: the Homebrew command on macOS, else the upstream downloads. */
function installHint(packages: string[], platform: NodeJS.Platform): string {
  const java = packages.some((p) => p.includes('jre'));
  const chromium = packages.includes('chromium');
  if (platform === 'darwin') {
    return [java ? 'brew install openjdk@17' : '', chromium ? 'brew install --cask chromium' : '']
      .filter(Boolean)
      .join(' && ');
  }
  return [
    java ? 'install a Java 17+ runtime (https://adoptium.net)' : '',
    chromium ? 'install Chromium and set PORTICO_CHROMIUM to its path' : '',
  ]
    .filter(Boolean)
    .join(' and ');
}
