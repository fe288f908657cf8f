import { readFileSync } from 'node:fs';
import packageJson from '../../package.json';
import { UsageError } from './args';
import { IoError, type CliIo, type Command } from './io';
import { scanCommand } from './scanCommand';
import { MissingPathError } from './walk';
import { isScanWorker, offerPrestartedWorker, runScanWorker } from './workers';
import { policyCommand } from './policy';
import { hookCommand } from './hook';
import { maskSecretsIn } from '../engine';

// `secure-hygiene <command> [options]`. Exit codes: 0 clean, 1 findings, 2 usage or I/O error.
// The commands bundle (dist/cliMain.js); the entry point users run is the launcher (launch.ts).

const commands: Record<string, Command> = {
  scan: scanCommand,
  policy: policyCommand,
  hook: hookCommand,
};

const HELP = `Usage: secure-hygiene <command> [options]

Commands:
  scan [paths...]   find hard-coded and committed secrets (secure-hygiene scan --help)
  policy init|check write or check SECURITY.md (secure-hygiene policy --help)
  hook install|uninstall
                    a git pre-commit hook that runs scan --staged (secure-hygiene hook --help)

Options:
  -h, --help        this help
  -V, --version     print the version
`;

function writeTo(stream: NodeJS.WriteStream): (text: string) => void {
  return (text) => {
    stream.write(text);
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const io: CliIo = {
    cwd: process.cwd(),
    version: packageJson.version,
    isTTY: process.stdout.isTTY === true,
    stdout: writeTo(process.stdout),
    stderr: writeTo(process.stderr),
    readStdin: () => readFileSync(0),
  };
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.stdout(HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === '-V' || name === '--version') {
      io.stdout(`${packageJson.version}\n`);
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`secure-hygiene: ${maskSecretsIn(error.message)} (see secure-hygiene ${commands[name] ? `${name} ` : ''}--help)\n`);
      return 2;
    }
    if (error instanceof MissingPathError || error instanceof IoError) {
      io.stderr(`secure-hygiene: ${maskSecretsIn(error.message)}\n`);
      return 2;
    }
    // Error texts can quote a path or a line: masked like every other output.
    io.stderr(`secure-hygiene: internal error: ${maskSecretsIn((error as Error)?.message?.split('\n')[0] ?? String(error))}\n`);
    return 2;
  }
}

/** Runs the command line and sets the exit code when it is done (stdout drains before the process exits: a large SARIF report piped to a file). */
export function run(argv: readonly string[]): void {
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}

export { offerPrestartedWorker };

// dist/cliMain.js is loaded by the launcher (launch.ts, dist/cli.js), or run itself; it can also serve as a scan worker.
if (isScanWorker()) runScanWorker();
else if (require.main === module) run(process.argv.slice(2));
