/**
 * What an installed bot-apis brings along at run time, read from the installed tree the way Node
 * finds packages (so npm's and Yarn's hoisted layouts and pnpm's symlinked one all read the same), and
 * the engines check over it.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Real directory of the package. */
  dir: string;
  /** `engines.node`, when the package states one. */
  node?: string;
}

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The directory Node would load `name` from, for code in `from`; undefined when it is not installed. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package installed for `root` at run time: its dependencies, theirs, and the peers (optional
 * ones included) that are installed. `root` itself is not in the list. A dependency that is declared
 * but missing throws: the install is broken.
 */
export function runtimePackages(project: string, root = 'bot-apis'): InstalledPackage[] {
  const start = resolvePackage(root, project);
  if (!start) throw new Error(`${root} is not installed in ${project}`);
  const found = new Map<string, InstalledPackage>();
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    const wanted: Array<[string, boolean]> = [
      ...Object.keys(manifest.dependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(manifest.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
      ...Object.keys(manifest.peerDependencies ?? {}).map((n): [string, boolean] => [n, false]),
    ];
    for (const [name, required] of wanted) {
      const depDir = resolvePackage(name, dir);
      if (!depDir) {
        if (required) throw new Error(`${manifest.name} depends on ${name}, which is not installed`);
        continue;
      }
      if (found.has(depDir)) continue;
      const dep = JSON.parse(readFileSync(join(depDir, 'package.json'), 'utf8')) as Manifest;
      found.set(depDir, { name: dep.name, version: dep.version, dir: depDir, ...(dep.engines?.node ? { node: dep.engines.node } : {}) });
      visit(depDir);
    }
  };
  visit(start);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The packages whose `engines.node` does not admit every Node version that `ours` admits (a package
 * without `engines.node` admits all). `name@version wants <range>` per offender.
 */
export function enginesOutside(packages: InstalledPackage[], ours: string): string[] {
  return packages
    .filter((p) => p.node !== undefined && !(semver.validRange(p.node) && semver.subset(ours, p.node)))
    .map((p) => `${p.name}@${p.version} wants node ${p.node}`);
}
