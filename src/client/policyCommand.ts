import * as vscode from 'vscode';
import {
  contactProblem, CREATE_POLICY_COMMAND, defaultAnswers, policyPathFor, POLICY_LOCATIONS, privateChannelOf,
  renderPolicy, renderSecurityTxt, securityTxtPathFor, type PolicyAnswers, type PolicyLocation, type ProjectFacts,
} from '../engine/policy';
import { loadProjectFacts } from '../shared/projectFacts';

// "Secure Hygiene: Create Security Policy (SECURITY.md)". Infers what it can from the folder
// (manifest, git remote and tags, web front end), then asks, in this fixed order and each with a
// default that Enter accepts: folder (multi-root only), contact address, location, optional
// sections, PGP key URL (only when that section was picked), security.txt (only with a web front
// end). An existing file is never replaced silently: the proposal is shown in a diff and the
// user is asked. The result is opened.

const PROPOSAL_SCHEME = 'secure-hygiene-proposal';
/** Server command (src/server/policy.ts) that re-checks manifests and policies after a write. */
const REFRESH_COMMAND = 'secureHygiene.policy.refresh';

const proposals = new Map<string, string>();
const proposalChanged = new vscode.EventEmitter<vscode.Uri>();

async function pickFolder(argument: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (typeof argument === 'string' || argument instanceof vscode.Uri) {
    const uri = typeof argument === 'string' ? vscode.Uri.parse(argument) : argument;
    const match = vscode.workspace.getWorkspaceFolder(uri);
    if (match) return match;
  }
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Open a folder first: the security policy is written into a workspace folder.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder gets the security policy?', ignoreFocusOut: true });
}

async function askContact(facts: ProjectFacts, answers: PolicyAnswers): Promise<string | undefined> {
  const channel = privateChannelOf(facts.repository);
  const value = await vscode.window.showInputBox({
    title: 'Create Security Policy: security contact',
    prompt: channel
      ? `Reports will go to ${channel.label} (${channel.url}). Add an e-mail address as well, or leave this empty.`
      : 'The e-mail address where maintainers receive vulnerability reports (the git remote offers no private reporting channel).',
    value: answers.contactEmail ?? '',
    placeHolder: 'a mailbox the maintainers read',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' && channel ? undefined : contactProblem(text)),
  });
  return value?.trim();
}

async function askLocation(answers: PolicyAnswers): Promise<PolicyLocation | undefined> {
  const items = POLICY_LOCATIONS.map((entry) => ({ label: entry.path, description: entry.description, location: entry.location }));
  items.sort((a, b) => Number(b.location === answers.location) - Number(a.location === answers.location));
  const picked = await vscode.window.showQuickPick(items, { title: 'Create Security Policy: where to write it', placeHolder: 'GitHub reads SECURITY.md from any of these', ignoreFocusOut: true });
  return picked?.location;
}

type SectionKey = keyof PolicyAnswers['sections'] | 'pgp';

async function askSections(answers: PolicyAnswers): Promise<SectionKey[] | undefined> {
  const items: (vscode.QuickPickItem & { key: SectionKey })[] = [
    { key: 'scope', label: 'Scope', description: 'what is and is not a vulnerability, by severity', picked: answers.sections.scope },
    { key: 'userPractices', label: 'Security practices for users', description: 'keys in .env, HTTPS verification, dependency audits', picked: answers.sections.userPractices },
    { key: 'safeHarbor', label: 'Safe harbor', description: 'no legal action against good-faith research', picked: answers.sections.safeHarbor },
    { key: 'recognition', label: 'Recognition', description: 'credit for reporters', picked: answers.sections.recognition },
    { key: 'pgp', label: 'PGP key', description: 'where to fetch the key for encrypted reports', picked: false },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Create Security Policy: optional sections', placeHolder: 'Press Enter to keep the selection', canPickMany: true, ignoreFocusOut: true });
  return picked?.map((item) => item.key);
}

async function askPgpUrl(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Create Security Policy: PGP key',
    prompt: 'The https:// address where your public key is published',
    ignoreFocusOut: true,
    validateInput: (text) => (/^https:\/\/[^\s/]+\.[^\s]+$/i.test(text.trim()) ? undefined : 'Enter an https:// address.'),
  });
}

async function askSecurityTxt(facts: ProjectFacts): Promise<boolean | undefined> {
  const where = securityTxtPathFor(facts.webRoot);
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Yes', description: `also write ${where} (RFC 9116)`, value: true }, { label: 'No', description: 'only SECURITY.md', value: false }],
    { title: 'Create Security Policy: the project has a web front end', placeHolder: `Publish the contacts in ${where} too?`, ignoreFocusOut: true },
  );
  return picked?.value;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Writes `text` to `target` unless it exists with other content and the user keeps it. */
async function writeWithConsent(target: vscode.Uri, relative: string, text: string): Promise<'written' | 'unchanged' | 'kept'> {
  const existing = await readIfExists(target);
  if (existing === text) return 'unchanged';
  if (existing !== undefined) {
    const proposal = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${relative}`, query: String(Date.now()) });
    proposals.set(proposal.toString(), text);
    proposalChanged.fire(proposal);
    await vscode.commands.executeCommand('vscode.diff', target, proposal, `${relative}: existing ↔ proposed`);
    const choice = await vscode.window.showWarningMessage(`${relative} already exists. Replace it with the proposal shown in the diff?`, { modal: true }, 'Replace');
    proposals.delete(proposal.toString());
    if (choice !== 'Replace') return 'kept';
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return 'written';
}

/** The command. Returns the policy's uri when it was written or already up to date. */
export async function createSecurityPolicy(folderArgument?: unknown): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(folderArgument);
  if (!folder) return undefined;
  if (folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Create Security Policy works on folders on disk only.');
    return undefined;
  }
  const facts = await loadProjectFacts(folder.uri.fsPath);
  const answers = defaultAnswers(facts);

  const contact = await askContact(facts, answers);
  if (contact === undefined) return undefined;
  answers.contactEmail = contact || undefined;
  const location = await askLocation(answers);
  if (!location) return undefined;
  answers.location = location;
  const sections = await askSections(answers);
  if (!sections) return undefined;
  answers.sections = { scope: sections.includes('scope'), userPractices: sections.includes('userPractices'), safeHarbor: sections.includes('safeHarbor'), recognition: sections.includes('recognition') };
  if (sections.includes('pgp')) {
    const url = await askPgpUrl();
    if (url === undefined) return undefined;
    answers.pgpKey = { url: url.trim() };
  }
  if (facts.hasWebFrontEnd) {
    const securityTxt = await askSecurityTxt(facts);
    if (securityTxt === undefined) return undefined;
    if (securityTxt) answers.securityTxtPath = securityTxtPathFor(facts.webRoot);
  }

  const relative = policyPathFor(answers.location);
  const target = vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
  const outcome = await writeWithConsent(target, relative, renderPolicy(answers));
  if (outcome === 'kept') {
    void vscode.window.showInformationMessage(`Kept the existing ${relative}.`);
    return undefined;
  }
  if (answers.securityTxtPath) {
    const txtTarget = vscode.Uri.joinPath(folder.uri, ...answers.securityTxtPath.split('/'));
    await writeWithConsent(txtTarget, answers.securityTxtPath, renderSecurityTxt(answers));
  }
  await vscode.window.showTextDocument(target, { preview: false });
  if (facts.existingPolicy && facts.existingPolicy.toLowerCase() !== relative.toLowerCase()) {
    void vscode.window.showWarningMessage(`${facts.existingPolicy} also exists; GitHub shows only one policy, so remove the one you do not want.`);
  }
  // The server re-checks the manifest hint and open policies; it may not be running.
  void Promise.resolve(vscode.commands.executeCommand(REFRESH_COMMAND)).catch(() => undefined);
  return target;
}

export function registerPolicyCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    proposalChanged,
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
      onDidChange: proposalChanged.event,
      provideTextDocumentContent: (uri) => proposals.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand(CREATE_POLICY_COMMAND, (folder?: unknown) => createSecurityPolicy(folder)),
  );
}
