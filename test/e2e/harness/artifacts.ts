// What a failed scenario leaves behind for whoever reads the CI log: a screenshot of the page, and
// code-server's and the extension's logs, under test-results/e2e/ (git-ignored).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../scripts/e2e/paths';
import type { Session } from './session';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

export async function failureArtifacts(session: Session, title: string): Promise<void> {
  const slug = title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const png = path.join(ARTIFACTS_DIR, `${slug}.png`);
  const log = path.join(ARTIFACTS_DIR, `${slug}.log`);
  await session.workbench.page.screenshot({ path: png }).catch(() => undefined);
  fs.writeFileSync(
    log,
    `# code-server\n${session.server.output()}\n\n# "Secure Hygiene" output channel (from the extension host's log files)\n${session.server.channelLog('Secure Hygiene')}\n`,
  );
  process.stderr.write(`      e2e artifacts: ${png}\n                     ${log}\n`);
}
