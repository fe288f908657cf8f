// Every process the harness starts is registered here and stopped on every way out: the mocha
// after hooks call stopAll(), and process exit or a fatal signal stops whatever is still running
// and removes the temporary folders still registered.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

interface Tracked {
  name: string;
  child: ChildProcess;
  /** Started with `detached: true`: its pid is also its process group, children included. */
  group: boolean;
}

const running = new Set<Tracked>();
const tempDirs = new Set<string>();

/** Removed when the process exits, unless `release` removed it first. */
export function trackTempDir(dir: string): { release(): void } {
  tempDirs.add(dir);
  return {
    release: () => {
      tempDirs.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is empty: everything in it has exited.
  }
}

function kill(entry: Tracked, signal: NodeJS.Signals): void {
  const pid = entry.child.pid;
  if (pid === undefined) return;
  // A group leader's children (extension host, file watcher, renderer) may outlive it.
  if (entry.group) return signalGroup(pid, signal);
  if (entry.child.exitCode !== null || entry.child.signalCode !== null) return;
  try {
    entry.child.kill(signal);
  } catch {
    // Already gone.
  }
}

export function track(name: string, child: ChildProcess, group: boolean): void {
  const entry = { name, child, group };
  running.add(entry);
  child.once('exit', () => {
    if (group && child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    running.delete(entry);
  });
}

/** Asks each tracked process to stop, then kills what is left after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  const entry = [...running].find((candidate) => candidate.child === child);
  if (!entry) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  kill(entry, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), graceMs);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  // The group may hold children even when the leader left in time.
  kill(entry, 'SIGKILL');
  if (late) await exited;
  running.delete(entry);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((entry) => stop(entry.child)));
}

function killAllNow(): void {
  for (const entry of running) kill(entry, 'SIGKILL');
  running.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}
