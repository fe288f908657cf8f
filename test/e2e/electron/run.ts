// The @vscode/test-electron suite: the same scenarios against VS Code desktop, through the vscode
// API, for machines that can download VS Code (or name one with VSCODE_E2E_EXECUTABLE). Where VS
// Code desktop cannot be had, it says so plainly and exits 0: the code-server suite (which must
// run, here and in CI) covers these scenarios in a real VS Code.
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../../../scripts/e2e/paths';
import { createFixture } from '../fixture';

const OUT = path.join(REPO_ROOT, 'out', 'e2e-electron');

async function vscodeExecutable(): Promise<string> {
  const local = process.env.VSCODE_E2E_EXECUTABLE;
  if (local) return local;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer from update.code.visualstudio.com within 60 s')), 60_000);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version: 'stable', timeout: 30_000 }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  let executable: string;
  try {
    executable = await vscodeExecutable();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    console.log(`@vscode/test-electron suite SKIPPED: VS Code desktop cannot be downloaded on this machine (${reason}).`);
    console.log('  The code-server suite (test/e2e/codeServer.e2e.ts) ran the same scenarios in a real VS Code instead.');
    console.log('  To run this suite, allow the download or set VSCODE_E2E_EXECUTABLE to a VS Code binary.');
    return 0;
  }
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: path.join(OUT, 'suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const fixture = createFixture('secure-hygiene-electron-');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(OUT, 'suite.js'),
      extensionTestsEnv: { SECURE_HYGIENE_E2E_FIXTURE: JSON.stringify({ ...fixture, remove: undefined }) },
      launchArgs: [fixture.root, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (error) {
    console.error(`@vscode/test-electron suite FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    fixture.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
