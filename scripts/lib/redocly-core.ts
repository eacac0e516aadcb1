/**
 * Lint and bundle in-process with @redocly/openapi-core (the engine inside @redocly/cli, same rules,
 * same redocly.yaml), which saves a Node start-up per API and per step.
 */
import type { Config } from '@redocly/openapi-core';
import { relative } from 'node:path';

/** Loaded on first use (about 0.2 s): a run with nothing to do never pays for it. */
let corePromise: Promise<typeof import('@redocly/openapi-core')> | undefined;
const core = () => (corePromise ??= import('@redocly/openapi-core'));

/** Loaded once per content of redocly.yaml, so `--watch` picks up an edit of the config. */
let configCache: { key: string; config: Promise<Config> } | undefined;
export function redoclyConfig(root: string, configText?: string): Promise<Config> {
  process.env.REDOCLY_TELEMETRY = 'off';
  process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true';
  // Without a text: the config last loaded for this root.
  if (configText === undefined && configCache?.key.startsWith(`${root}\0`)) return configCache.config;
  const key = `${root}\0${configText ?? ''}`;
  if (!configCache || configCache.key !== key) configCache = { key, config: core().then(({ loadConfig }) => loadConfig({ configPath: `${root}/redocly.yaml` })) };
  return configCache.config;
}

/** A YAML spec source as data (its `$ref`s intact), with Redocly's own parser. */
export async function parseSpecSource(text: string): Promise<unknown> {
  return (await core()).parseYaml(text);
}

/** Every problem as `file:line:col severity rule message`; empty when the spec is clean (no errors, no warnings). */
export async function lintSpec(root: string, specPath: string, alias?: string): Promise<string[]> {
  const config = (await redoclyConfig(root)).forAlias(alias);
  const { lint, getLineColLocation } = await core();
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

export async function bundleSpec(root: string, specPath: string, alias?: string): Promise<unknown> {
  const config = (await redoclyConfig(root)).forAlias(alias);
  const { bundle } = await core();
  const result = await bundle({ ref: `${root}/${specPath}`, config });
  return result.bundle.parsed;
}
