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
 * and reports each one's median against the baseline (the first variant) measured in the same run.
 */
export async function compare(variants: Array<{ name: string; call: () => Promise<unknown> }>, opts: { rounds: number; ms: number; concurrency: number; warmupMs: number }) {
  for (const v of variants) await measure(v.call, opts.concurrency, opts.warmupMs);
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const v of variants) samples.get(v.name)!.push(await measure(v.call, opts.concurrency, opts.ms));
  }
  const base = median(samples.get(variants[0]!.name)!);
  return variants.map((v) => {
    const rps = median(samples.get(v.name)!);
    return { name: v.name, rps: Math.round(rps), ratio: Number((rps / base).toFixed(2)) };
  });
}

export function table(title: string, rows: Array<{ name: string; rps: number; ratio: number }>, baseline = 'vs raw fetch'): string {
  const lines = [`${title}`, '', `| variant | req/s (median) | ${baseline} |`, '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.rps} | ${r.ratio.toFixed(2)} |`);
  return lines.join('\n');
}
