import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

// Times a command: wall clock, the CPU time (user + system) of the process and its children, and
// its peak resident memory. GNU time (`/usr/bin/time`, Debian's `time`) reports all three; without
// it, the shell's `times` builtin gives the CPU time and the peak memory is unknown. CPU time is
// less sensitive to a busy machine than wall time.

export interface Timed {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size in KiB, when GNU time is there to read it. */
  maxRssKb?: number;
  status: number | null;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

function seconds(field: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(field.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

function readAndRemove(file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    rmSync(file);
    return text;
  } catch {
    return ''; // Not written: the command did not start.
  }
}

/** Runs `command args...` with stdout sent to `stdoutFile` (or discarded) and returns its timings. */
export function timeCommand(command: string, args: readonly string[], options: { cwd: string; stdoutFile?: string }): Timed {
  const base = options.stdoutFile ?? `/tmp/sh-bench-${process.pid}`;
  const errFile = `${base}.stderr`;
  const timeFile = `${base}.time`;
  const gnu = existsSync(GNU_TIME);
  const script = gnu
    ? `${GNU_TIME} -f '%U %S %M' -o "$SH_BENCH_TIME" "$@" >"$SH_BENCH_OUT" 2>"$SH_BENCH_ERR"`
    : '"$@" >"$SH_BENCH_OUT" 2>"$SH_BENCH_ERR"; status=$?; times; exit $status';
  const started = performance.now();
  const result = spawnSync('sh', ['-c', script, 'sh', command, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, SH_BENCH_OUT: options.stdoutFile ?? '/dev/null', SH_BENCH_ERR: errFile, SH_BENCH_TIME: timeFile, NO_COLOR: '1' },
    maxBuffer: 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const stderr = readAndRemove(errFile);
  if (gnu) {
    // The last line is ours; a "Command exited with non-zero status" line may come before it.
    const [user, system, rss] = (readAndRemove(timeFile).trim().split('\n').pop() ?? '').split(' ').map(Number);
    return { wallMs, cpuMs: (user + system) * 1000, maxRssKb: rss, status: result.status, stderr };
  }
  // `times` prints the shell's own times, then its children's: "0m2.730s 0m0.500s".
  const children = result.stdout.trim().split('\n').pop() ?? '';
  const [user, system] = children.split(/\s+/);
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

/** A command raced against others on the same input. */
export interface Contestant {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  stdoutFile?: string;
  /** Exit statuses of a run that counts (default 0 and 1: found something, found nothing). */
  accepts?: readonly number[];
}

export interface Raced {
  /** Median wall time, median CPU time, and the highest peak memory over the runs. */
  wallMs: number;
  cpuMs: number;
  maxRssKb?: number;
  runs: number;
  /** The last run's exit status and stderr (a failure shows there). */
  status: number | null;
  stderr: string;
}

/**
 * Runs every contestant `times` times, interleaved (A B C, A B C, ...), so that a busy spell of a
 * shared machine falls on all of them alike, and keeps the medians. A contestant whose first run
 * took more than `slowCpuMs` of CPU, or failed, is not repeated, to keep the bench within minutes.
 * (CPU, not wall time: on a machine busy with other work every wall time is long, and cutting the
 * repeats of some contestants but not others would make the medians unlike.)
 */
export function race(contestants: readonly Contestant[], times: number, slowCpuMs = 60_000): Map<string, Raced> {
  const results = new Map<string, Timed[]>(contestants.map((contestant) => [contestant.name, []]));
  for (let round = 0; round < times; round += 1) {
    for (const contestant of contestants) {
      const done = results.get(contestant.name) as Timed[];
      const first = done[0];
      if (first && (first.cpuMs > slowCpuMs || !(contestant.accepts ?? [0, 1]).includes(first.status ?? -1))) continue;
      done.push(timeCommand(contestant.command, contestant.args, { cwd: contestant.cwd, stdoutFile: contestant.stdoutFile }));
    }
  }
  const raced = new Map<string, Raced>();
  for (const [name, runs] of results) {
    const rss = runs.map((run) => run.maxRssKb).filter((value): value is number => value !== undefined);
    const last = runs[runs.length - 1];
    raced.set(name, {
      wallMs: median(runs.map((run) => run.wallMs)),
      cpuMs: median(runs.map((run) => run.cpuMs)),
      maxRssKb: rss.length ? Math.max(...rss) : undefined,
      runs: runs.length,
      status: last.status,
      stderr: last.stderr,
    });
  }
  return raced;
}
