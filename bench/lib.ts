/** Shared benchmark plumbing: a closed-loop load of N concurrent callers for a fixed time. */
export interface Result {
  name: string;
  rps: number;
}

/** Runs `call` from `concurrency` loops for `ms` milliseconds; returns completed calls per second. */
export async function measure(call: () => Promise<unknown>, concurrency: number, ms: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (done / (performance.now() - start)) * 1000;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Interleaves the variants round by round (A B C, A B C, …) so machine noise hits all of them alike,
 * and returns each one's median; {@link table} reports them against baselines measured in the same run.
 */
export async function compare(variants: Array<{ name: string; call: () => Promise<unknown> }>, opts: { rounds: number; ms: number; concurrency: number; warmupMs: number }) {
  for (const v of variants) await measure(v.call, opts.concurrency, opts.warmupMs);
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const v of variants) samples.get(v.name)!.push(await measure(v.call, opts.concurrency, opts.ms));
  }
  return variants.map((v) => ({ name: v.name, rps: median(samples.get(v.name)!) }));
}

/** Rows with their medians, and one ratio column per baseline (a row of the same table, same run). */
export function table(title: string, rows: Array<{ name: string; rps: number }>, baselines: string[] = [rows[0]!.name]): string {
  const bases = baselines.map((name) => rows.find((r) => r.name === name)!.rps);
  const lines = [title, '', `| variant | req/s (median) | ${baselines.map((b) => `vs ${b.replace(/ \(.*\)$/, '')}`).join(' | ')} |`, `|---|---:|${bases.map(() => '---:|').join('')}`];
  for (const r of rows) lines.push(`| ${r.name} | ${Math.round(r.rps)} | ${bases.map((b) => (r.rps / b).toFixed(2)).join(' | ')} |`);
  return lines.join('\n');
}
