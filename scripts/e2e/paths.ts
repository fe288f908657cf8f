// Where the real-editor harness keeps what it installs once: outside the source tree, so that
// neither git nor `vsce package` ever sees it. Override with SECURE_HYGIENE_E2E_CACHE.
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const CACHE_DIR = path.resolve(
  process.env.SECURE_HYGIENE_E2E_CACHE || path.join(os.homedir(), '.cache', 'secure-hygiene-e2e'),
);

/** The npm project that holds code-server (it is never a dependency of the extension). */
export const CODE_SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written last by the installer; its presence means the install finished and was checked. */
export const CODE_SERVER_READY = path.join(CODE_SERVER_DIR, 'ready.json');

export const CHROMIUM = process.env.SECURE_HYGIENE_CHROMIUM || '/usr/bin/chromium';
export const NVIM = process.env.SECURE_HYGIENE_NVIM || '/usr/bin/nvim';

/** Debian packages the harness needs: the browser, ripgrep for the workaround, Neovim, git for the
 * fixtures, and what code-server's native modules build against. */
export const DEBIAN_PACKAGES = [
  'chromium',
  'ripgrep',
  'neovim',
  'git',
  'libkrb5-dev',
  'libsecret-1-dev',
  'pkg-config',
  'python3',
  'make',
  'g++',
];

/** The package under test: what `npm run package` writes, unless SECURE_HYGIENE_E2E_VSIX names another. */
export const VSIX = path.resolve(process.env.SECURE_HYGIENE_E2E_VSIX || path.join(REPO_ROOT, 'secure-hygiene.vsix'));
