import { describe, expect, it } from 'vitest';
import { type HostFacts, isDebianLike, javaMajorOf, planPrerequisites } from '../src/index.js';

const DEBIAN_ROOT: HostFacts = {
  javaMajor: 17,
  chromium: true,
  chromiumPath: '/usr/bin/chromium',
  root: true,
  apt: true,
  javaPackage: 'openjdk-17-jre-headless',
  platform: 'linux',
};
const BOTH = { java: true, chromium: true };

describe('planPrerequisites', () => {
  it('goes on when Java 17+ and Chromium are there', () => {
    expect(planPrerequisites(BOTH, DEBIAN_ROOT)).toEqual({ kind: 'ready' });
    expect(planPrerequisites(BOTH, { ...DEBIAN_ROOT, javaMajor: 21 })).toEqual({ kind: 'ready' });
  });

  it('installs what is missing from Debian packages when root on Debian or Ubuntu', () => {
    const host = { ...DEBIAN_ROOT, javaMajor: undefined, chromium: false };
    expect(planPrerequisites(BOTH, host)).toEqual({
      kind: 'install',
      packages: ['openjdk-17-jre-headless', 'chromium'],
    });
    expect(planPrerequisites(BOTH, { ...DEBIAN_ROOT, javaMajor: 11 })).toEqual({
      kind: 'install',
      packages: ['openjdk-17-jre-headless'],
    });
    const trixie = { ...host, javaPackage: 'openjdk-21-jre-headless', chromium: true };
    expect(planPrerequisites(BOTH, trixie)).toEqual({
      kind: 'install',
      packages: ['openjdk-21-jre-headless'],
    });
  });

  it('asks only for what this command needs', () => {
    const host = { ...DEBIAN_ROOT, javaMajor: undefined, chromium: false };
    expect(planPrerequisites({ java: false, chromium: false }, host)).toEqual({ kind: 'ready' });
    expect(planPrerequisites({ java: true, chromium: false }, host)).toEqual({
      kind: 'install',
      packages: ['openjdk-17-jre-headless'],
    });
  });

  it('stops with one line naming the sudo command when not root on Debian', () => {
    const plan = planPrerequisites(BOTH, { ...DEBIAN_ROOT, root: false, javaMajor: undefined });
    expect(plan.kind).toBe('stop');
    const message = plan.kind === 'stop' ? plan.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain(
      '`sudo apt-get install -y --no-install-recommends openjdk-17-jre-headless`',
    );
    expect(message).toContain('no java on PATH');
    expect(message).toContain('PORTICO_DYNAMODB_ENDPOINT');
  });

  it('does not offer PORTICO_DYNAMODB_ENDPOINT when only Chromium is missing', () => {
    const plan = planPrerequisites(
      { java: false, chromium: true },
      { ...DEBIAN_ROOT, root: false, chromium: false, chromiumPath: '/opt/chrome' },
    );
    expect(plan).toEqual({
      kind: 'stop',
      message:
        'Portico needs Chromium for the browser tests (none at /opt/chrome): run `sudo apt-get install -y --no-install-recommends chromium` first.',
    });
  });

  it('names Homebrew on macOS and the downloads elsewhere', () => {
    const mac = { ...DEBIAN_ROOT, apt: false, root: false, javaMajor: undefined, chromium: false };
    const onMac = planPrerequisites(BOTH, { ...mac, platform: 'darwin' });
    expect(onMac.kind === 'stop' && onMac.message).toContain(
      '`brew install openjdk@17 && brew install --cask chromium`',
    );
    const elsewhere = planPrerequisites(BOTH, { ...mac, platform: 'linux' });
    expect(elsewhere.kind === 'stop' && elsewhere.message).toContain('https://adoptium.net');
    // Root without apt (say Alpine) cannot install the Debian way either.
    expect(planPrerequisites(BOTH, { ...mac, root: true }).kind).toBe('stop');
  });
});

describe('probe parsing', () => {
  it('reads the Java major version from java -version', () => {
    expect(javaMajorOf('openjdk version "17.0.9" 2023-10-17')).toBe(17);
    expect(javaMajorOf('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorOf('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorOf('command not found')).toBeUndefined();
  });

  it('knows Debian and its derivatives from /etc/os-release', () => {
    expect(isDebianLike('PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n')).toBe(true);
    expect(isDebianLike('ID=ubuntu\nID_LIKE=debian\n')).toBe(true);
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true);
    expect(isDebianLike('ID=fedora\n')).toBe(false);
    expect(isDebianLike('ID=alpine\n')).toBe(false);
  });
});
