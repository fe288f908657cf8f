import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { fileUri, startServer, type TestServer } from '../../test/lsp/harness';
import { SCAN_WORKSPACE_COMMAND, WorkspaceScanStateRequest, type WorkspaceScanState } from '../../src/shared/protocol';
import { ensureTree } from '../tree';
import { MIB, mbPerSecond, median, timeCommand } from '../timing';
import type { BenchSection } from './types';

// The language server's workspace scan of the bench's synthetic tree, through the LSP from a real
// client (test/lsp/harness.ts): from `initialized` to the scan's progress `end`, files/s, MB/s,
// and the server's peak memory (VmHWM: the process with its scan worker threads). Then, while a
// second scan runs (the scanWorkspace command), the time from didOpen of a file to its
// diagnostics, beside the same with the server idle: what "open documents keep priority" costs.

const OPENS = 5;

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** Peak resident memory of a process, from Linux's /proc (undefined elsewhere). */
function peakRssMib(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return kib ? Number(kib[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onProgress` for every work-done progress value the server sends (taking over the harness's create handler). */
function followProgress(server: TestServer, onProgress: (value: Progress) => void): void {
  server.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    server.connection.onProgress(WorkDoneProgress.type, token, onProgress);
    return null;
  });
}

async function timeOpen(server: TestServer, file: string, version: number): Promise<number> {
  const uri = fileUri(file);
  const text = readFileSync(file, 'utf8');
  const published = server.nextDiagnostics(uri, (_diagnostics, params) => params.version === version, 60_000);
  const started = performance.now();
  server.open(uri, 'typescript', text, version);
  await published;
  const elapsed = performance.now() - started;
  server.close(uri);
  return elapsed;
}

export const workspaceScanBench: BenchSection = {
  name: 'workspace-scan',
  description: 'the server scanning the synthetic tree as a workspace: time, throughput, peak memory, open-file latency meanwhile',
  async run(ctx) {
    const tree = path.join(ctx.cacheDir, 'tree');
    const manifest = ensureTree(tree, ctx.log);
    // The reference, same input, same run: the CLI over the same folder (its default threads, and one).
    const cli = timeCommand(process.execPath, [ctx.cliJs, 'scan', tree, '--format', 'json'], { cwd: ctx.repoRoot });
    const cliOne = timeCommand(process.execPath, [ctx.cliJs, 'scan', tree, '--format', 'json', '--jobs', '1'], { cwd: ctx.repoRoot });
    ctx.log(`CLI over the same tree: ${(cli.wallMs / 1000).toFixed(1)} s (default threads), ${(cliOne.wallMs / 1000).toFixed(1)} s (--jobs 1)`);
    const ends: (() => void)[] = [];
    const firstReports: (() => void)[] = [];
    let reports = 0;
    const started = performance.now();
    const server = await startServer({ cwd: tree });
    try {
      followProgress(server, (value) => {
        if (value.kind === 'report') {
          reports += 1;
          for (const resolve of firstReports.splice(0)) resolve();
        }
        if (value.kind === 'end') for (const resolve of ends.splice(0)) resolve();
      });
      const nextEnd = () => new Promise<void>((resolve) => ends.push(resolve));
      await nextEnd();
      const elapsed = performance.now() - started;
      const state: WorkspaceScanState = await server.connection.sendRequest(WorkspaceScanStateRequest.type);
      const peak = peakRssMib(server.process.pid);
      const bytes = state.folders.reduce((sum, folder) => sum + folder.bytes, 0);
      const found = Object.values(state.findings).reduce((a, b) => a + b, 0);
      // The tree's generated files and its manifest (.generator.json), which is a file of the folder too.
      ctx.log(`${state.scannedFiles} of ${manifest.files + 1} files (${(bytes / MIB).toFixed(1)} MiB) in ${(elapsed / 1000).toFixed(1)} s from start (scan alone ${((state.elapsedMs ?? 0) / 1000).toFixed(1)} s), ${found} findings in ${state.filesWithFindings} files, ${reports} progress reports`);
      ctx.report('workspace scan, 55 MB tree', `${(elapsed / 1000).toFixed(1)} s`, `${state.scannedFiles} files, ${mbPerSecond(bytes, elapsed)}, server start included`);
      ctx.report('workspace scan files/s', (state.scannedFiles / (elapsed / 1000)).toFixed(0), 'one file at a time on one scan worker');
      if (peak !== undefined) ctx.report('server peak memory (VmHWM)', `${peak.toFixed(0)} MiB`, 'server process with its scan worker threads');

      // An open file while the server is idle, then while a forced scan runs.
      const planted = manifest.planted.filter((file) => file.endsWith('.ts')).slice(0, OPENS).map((file) => path.join(tree, file));
      const idle: number[] = [];
      let version = 1;
      for (const file of planted) idle.push(await timeOpen(server, file, version++));
      // Opens once the second scan has listed the tree and is scanning files.
      const scanning = new Promise<void>((resolve) => firstReports.push(resolve));
      const rescan = server.executeCommand(SCAN_WORKSPACE_COMMAND) as Promise<WorkspaceScanState>;
      await scanning;
      const busy: number[] = [];
      for (const file of planted) busy.push(await timeOpen(server, file, version++));
      const after = await server.connection.sendRequest(WorkspaceScanStateRequest.type);
      const stillScanning = after.status === 'scanning';
      const warm = await rescan;
      ctx.log(`second scan (the command, server warm): ${((warm.elapsedMs ?? 0) / 1000).toFixed(1)} s for ${warm.scannedFiles} files`);
      ctx.report('workspace scan again, warm', `${((warm.elapsedMs ?? 0) / 1000).toFixed(1)} s`, `${mbPerSecond(bytes, warm.elapsedMs ?? 0)}, listing included`);
      ctx.report('warm workspace scan / CLI --jobs 1', `${((warm.elapsedMs ?? 0) / cliOne.wallMs).toFixed(2)}x`, `the CLI (whole process): ${(cliOne.wallMs / 1000).toFixed(1)} s; default threads ${(cli.wallMs / 1000).toFixed(1)} s`);
      ctx.log(`didOpen -> diagnostics, median of ${planted.length}: idle ${ms(median(idle))}, during a workspace scan ${ms(median(busy))}${stillScanning ? '' : ' (WARNING: the scan ended before the opens did)'}`);
      ctx.report('didOpen -> diagnostics during the scan', ms(median(busy)), `idle: ${ms(median(idle))}`);
    } finally {
      await server.shutdown();
    }
  },
};
