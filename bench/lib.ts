/** Shared benchmark plumbing: a closed-loop load of N concurrent callers for a fixed time. */
export interface Result {
  name: string;
  rps: number;
}

/**
 * Runs `call` from `concurrency` loops for `ms` milliseconds; returns completed calls per second and this
 * process's CPU time per call (user + system, µs). On a shared machine the CPU per call moves far less
 * with the neighbours' load than the rate does.
 */
export async function measure(call: () => Promise<unknown>, concurrency: number, ms: number): Promise<{ rps: number; cpuUs: number }> {
  let done = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call();
      done++;
    }
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { rps: (done / (performance.now() - start)) * 1000, cpuUs: (used.user + used.system) / Math.max(1, done) };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Interleaves the variants round by round (A B C, A B C, …) so machine noise hits all of them alike,
 * and returns each one's median; {@link table} reports them against baselines measured in the same run.
 */
export async function compare(variants: Array<{ name: string; call: () => Promise<unknown> }>, opts: { rounds: number; ms: number; concurrency: number; warmupMs: number }): Promise<Row[]> {
  for (const v of variants) await measure(v.call, opts.concurrency, opts.warmupMs);
  const samples = new Map(variants.map((v) => [v.name, { rps: [] as number[], cpuUs: [] as number[] }]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const v of variants) {
      const { rps, cpuUs } = await measure(v.call, opts.concurrency, opts.ms);
      samples.get(v.name)!.rps.push(rps);
      samples.get(v.name)!.cpuUs.push(cpuUs);
    }
  }
  return variants.map((v) => ({ name: v.name, rps: median(samples.get(v.name)!.rps), cpuUs: median(samples.get(v.name)!.cpuUs) }));
}

export interface Row {
  name: string;
  /** Median calls per second. */
  rps: number;
  /** Median CPU time of this process per call, µs. */
  cpuUs: number;
}

/**
 * Rows with their medians, one ratio column per baseline (a row of the same table, same run), and the
 * CPU per call with its ratio to the last baseline's (baseline CPU / row CPU: above 1 is cheaper).
 */
export function table(title: string, rows: Row[], baselines: string[] = [rows[0]!.name]): string {
  const bases = baselines.map((name) => rows.find((r) => r.name === name)!);
  const last = bases[bases.length - 1]!;
  const short = (name: string) => name.replace(/ \(.*\)$/, '');
  const lines = [
    title,
    '',
    `| variant | req/s (median) | ${bases.map((b) => `vs ${short(b.name)}`).join(' | ')} | CPU µs/call | CPU vs ${short(last.name)} |`,
    `|---|---:|${bases.map(() => '---:|').join('')}---:|---:|`,
  ];
  for (const r of rows) lines.push(`| ${r.name} | ${Math.round(r.rps)} | ${bases.map((b) => (r.rps / b.rps).toFixed(2)).join(' | ')} | ${Math.round(r.cpuUs)} | ${(last.cpuUs / r.cpuUs).toFixed(2)} |`);
  return lines.join('\n');
}
