import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

// Times a command: wall clock, and the CPU time (user + system) of the process and its children,
// read from the shell's `times` builtin. CPU time is less sensitive to a busy machine than wall time.

export interface Timed {
  wallMs: number;
  cpuMs: number;
  status: number | null;
  stderr: string;
}

function seconds(field: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(field.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Runs `command args...` with stdout sent to `stdoutFile` (or discarded) and returns its timings. */
export function timeCommand(command: string, args: readonly string[], options: { cwd: string; stdoutFile?: string }): Timed {
  const script = '"$@" >"$SH_BENCH_OUT" 2>"$SH_BENCH_ERR"; status=$?; times; exit $status';
  const errFile = `${options.stdoutFile ?? '/tmp/sh-bench'}.stderr`;
  const started = performance.now();
  const result = spawnSync('sh', ['-c', script, 'sh', command, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, SH_BENCH_OUT: options.stdoutFile ?? '/dev/null', SH_BENCH_ERR: errFile, NO_COLOR: '1' },
    maxBuffer: 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  // `times` prints the shell's own times, then its children's: "0m2.730s 0m0.500s".
  const children = result.stdout.trim().split('\n').pop() ?? '';
  const [user, system] = children.split(/\s+/);
  let stderr = '';
  try {
    stderr = readFileSync(errFile, 'utf8');
    rmSync(errFile);
  } catch {
    // No stderr file: the command did not start.
  }
  return { wallMs, cpuMs: (seconds(user) + seconds(system)) * 1000, status: result.status, stderr };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value at quantile q (0..1), nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Runs up to `times` times and keeps the run with the median wall time (and its CPU time). A first
 * run slower than `slowMs` is not repeated, to keep the whole bench within a few minutes.
 */
export function medianRun(times: number, run: () => Timed, slowMs = 10_000): Timed & { runs: number } {
  const results = [run()];
  while (results.length < times && results[0].wallMs < slowMs) results.push(run());
  const byWall = [...results].sort((a, b) => a.wallMs - b.wallMs);
  return { ...byWall[Math.floor((byWall.length - 1) / 2)], runs: results.length };
}

export const MIB = 1024 * 1024;

export function mbPerSecond(bytes: number, ms: number): string {
  return `${(bytes / MIB / (ms / 1000)).toFixed(1)} MB/s`;
}
