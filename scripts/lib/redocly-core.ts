/**
 * Lint and bundle in-process with @redocly/openapi-core (the engine inside @redocly/cli, same rules,
 * same redocly.yaml), which saves a Node start-up per API and per step.
 */
import { bundle, getLineColLocation, lint, loadConfig, type Config } from '@redocly/openapi-core';
import { relative } from 'node:path';

let configPromise: Promise<Config> | undefined;
export function redoclyConfig(root: string): Promise<Config> {
  process.env.REDOCLY_TELEMETRY = 'off';
  process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true';
  configPromise ??= loadConfig({ configPath: `${root}/redocly.yaml` });
  return configPromise;
}

/** Every problem as `file:line:col severity rule message`; empty when the spec is clean (no errors, no warnings). */
export async function lintSpec(root: string, specPath: string): Promise<string[]> {
  const config = await redoclyConfig(root);
  const problems = await lint({ ref: `${root}/${specPath}`, config });
  return problems.map((p) => {
    const loc = p.location[0];
    let where = specPath;
    if (loc) {
      const lc = getLineColLocation(loc);
      where = `${relative(root, loc.source.absoluteRef)}:${lc.start.line}:${lc.start.col}`;
    }
    return `${where} ${p.severity} ${p.ruleId}: ${p.message}`;
  });
}

export async function bundleSpec(root: string, specPath: string): Promise<unknown> {
  const config = await redoclyConfig(root);
  const result = await bundle({ ref: `${root}/${specPath}`, config });
  return result.bundle.parsed;
}
