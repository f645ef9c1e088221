// Whole-process measurements for the benchmarks: GNU time's wall clock and peak RSS.
import { spawnSync } from 'node:child_process';

export interface Sample {
  wallSeconds: number;
  maxRssMb: number;
  /** The process's standard output (for checking what it found). */
  stdout: string;
  /** Exit status (drydock lint exits 1 when it has findings: callers decide what is a failure). */
  status: number | null;
}

/** Runs a whole process under GNU time: wall seconds and peak RSS. */
export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, rss] = last.split(' ').map(Number);
  if (wall === undefined || rss === undefined || Number.isNaN(wall))
    throw new Error(`could not time ${cmd}: ${r.stderr}`);
  return { wallSeconds: wall, maxRssMb: rss / 1024, stdout: r.stdout, status: r.status };
}

/** The median run by wall time, with the highest peak RSS of all runs (the worst case counts for memory). */
export function median(samples: Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? {
    wallSeconds: Number.NaN,
    maxRssMb: Number.NaN,
    stdout: '',
    status: null,
  };
  return { ...mid, maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)) };
}

export function repeat(n: number, f: () => Sample): Sample {
  return median(Array.from({ length: n }, f));
}
