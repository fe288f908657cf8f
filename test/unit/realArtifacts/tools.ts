import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// The real tools, run into a temp folder that is removed afterwards: nothing they make is ever
// committed. A tool that is missing is reported by name (and fails the run in CI, which installs
// them: see .ci/run).

export const TOOLS = ['ssh-keygen', 'openssl', 'gpg', 'puttygen', 'keytool'] as const;
export type Tool = (typeof TOOLS)[number];

export function hasTool(tool: Tool): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

export class Workshop {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'sh-artifacts-'));

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** Runs a tool in the temp folder; its output is not shown (it can hold key material). */
  run(tool: Tool, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): string {
    return execFileSync(tool, args, { cwd: this.dir, env: { ...process.env, ...env }, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  }

  text(name: string): string {
    return readFileSync(this.file(name), 'utf8');
  }

  bytes(name: string): Uint8Array {
    return new Uint8Array(readFileSync(this.file(name)));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
