import { promises as fs, constants as fsConstants, existsSync } from 'node:fs';
import * as path from 'node:path';
import { git } from '../shared/git';
import { parseArgs, UsageError, type OptionSpec } from './args';
import { IoError, type CliIo } from './io';
import { gitReason } from './repository';
import { LAUNCHER_BUNDLE } from './bundles';

// `secure-hygiene hook install|uninstall`: a git pre-commit hook that runs `scan --staged`, so a
// commit holding a secret is refused before it exists. The hooks folder is git's own answer
// (`git rev-parse --git-path hooks`), which honours `core.hooksPath` (Husky and friends set it).
// A pre-commit hook that is already there is kept: it is moved aside and run first by ours, and
// put back by `uninstall`.

export const HOOK_HELP = `Usage: secure-hygiene hook install|uninstall [options]

install     write a git pre-commit hook that runs "secure-hygiene scan --staged": a commit
            holding a finding at or above --fail-on is refused (git commit --no-verify skips it)
uninstall   remove that hook, putting back the hook it had moved aside

Options:
      --fail-on <severity>  passed to scan --staged (default: warning)
  -h, --help                this help
`;

const OPTIONS: OptionSpec[] = [
  { name: 'fail-on', type: 'string', choices: ['error', 'warning', 'info', 'hint'] },
  { name: 'help', short: 'h', type: 'flag' },
];

/** The line that marks a hook as ours (and so safe to overwrite or remove). */
export const HOOK_MARKER = '# secure-hygiene pre-commit hook';
/** Where an existing pre-commit hook is moved; ours runs it first. */
const PREVIOUS_SUFFIX = '.pre-secure-hygiene';

/** Quotes a value for a POSIX shell: inside single quotes, nothing but `'` itself needs care. */
function shellQuote(value: string): string {
  return `'${value.split("'").join(`'\\''`)}'`;
}

/** The hook script: run a kept hook first, then this CLI's staged scan, with the node that installed it. */
export function hookScript(node: string, cli: string, failOn: string): string {
  return [
    '#!/bin/sh',
    `${HOOK_MARKER}: written by \`secure-hygiene hook install\`, removed by \`secure-hygiene hook uninstall\`.`,
    '# It scans what the commit will hold (git\'s index) and refuses the commit on a finding.',
    '# To commit anyway, once you are sure: git commit --no-verify',
    `if [ -x "$0${PREVIOUS_SUFFIX}" ]; then "$0${PREVIOUS_SUFFIX}" "$@" || exit $?; fi`,
    `cli=${shellQuote(cli)}`,
    'if [ ! -f "$cli" ]; then',
    '  echo "secure-hygiene: the hook cannot find $cli; run \\"npx secure-hygiene hook install\\" again, or \\"hook uninstall\\"." >&2',
    '  exit 1',
    'fi',
    `exec ${shellQuote(node)} "$cli" scan --staged --fail-on ${failOn}`,
    '',
  ].join('\n');
}

async function hooksFolder(cwd: string): Promise<string> {
  try {
    const top = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
    const hooks = (await git(['rev-parse', '--git-path', 'hooks'], top)).trim();
    return path.resolve(top, hooks);
  } catch (error) {
    throw new IoError(`hooks live in a git repository, but ${cwd} is not in one (${gitReason(error)})`);
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IoError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file, fsConstants.F_OK).then(() => true, () => false);
}

async function install(hooks: string, failOn: string, io: CliIo): Promise<number> {
  const hook = path.join(hooks, 'pre-commit');
  const previous = `${hook}${PREVIOUS_SUFFIX}`;
  const current = await readIfExists(hook);
  try {
    await fs.mkdir(hooks, { recursive: true });
    if (current !== undefined && !current.includes(HOOK_MARKER)) {
      if (await exists(previous)) {
        throw new IoError(`${hook} is not ours and ${previous} already exists: move one of them away first`);
      }
      await fs.rename(hook, previous);
      io.stderr(`secure-hygiene: kept the existing pre-commit hook as ${previous}; it runs first\n`);
    }
    await fs.writeFile(hook, hookScript(process.execPath, cliEntry(), failOn), { mode: 0o755 });
    await fs.chmod(hook, 0o755);
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(`cannot write ${hook}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stdout(`${current?.includes(HOOK_MARKER) ? 'Updated' : 'Installed'} the pre-commit hook ${hook}: commits with findings at or above ${failOn} are refused.\n`);
  return 0;
}

async function uninstall(hooks: string, io: CliIo): Promise<number> {
  const hook = path.join(hooks, 'pre-commit');
  const previous = `${hook}${PREVIOUS_SUFFIX}`;
  const current = await readIfExists(hook);
  if (current === undefined || !current.includes(HOOK_MARKER)) {
    io.stderr(`secure-hygiene: no Secure Hygiene pre-commit hook in ${hooks}; nothing to remove\n`);
    return current === undefined ? 0 : 1;
  }
  try {
    await fs.unlink(hook);
    if (await exists(previous)) {
      await fs.rename(previous, hook);
      io.stdout(`Removed the pre-commit hook and put back the one it had kept (${hook}).\n`);
      return 0;
    }
  } catch (error) {
    throw new IoError(`cannot remove ${hook}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stdout(`Removed the pre-commit hook ${hook}.\n`);
  return 0;
}

export async function hookCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, OPTIONS);
  if (options.get('help')) {
    io.stdout(HOOK_HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (action !== 'install' && action !== 'uninstall') throw new UsageError(action === undefined ? 'hook needs install or uninstall' : `unknown hook action "${action}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const hooks = await hooksFolder(io.cwd);
  return action === 'install' ? install(hooks, (options.get('fail-on') as string | undefined) ?? 'warning', io) : uninstall(hooks, io);
}

/**
 * What the hook runs: the CLI's entry point users run (dist/cli.js, the launcher), not this
 * bundle (dist/cliMain.js), whose name is the launcher's business; this file itself when run
 * from source.
 */
function cliEntry(): string {
  const launcher = path.join(__dirname, LAUNCHER_BUNDLE);
  return existsSync(launcher) ? launcher : path.resolve(__filename);
}
