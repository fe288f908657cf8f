// The vocabulary of the security-policy feature. Plain data: the shared fact loader fills it from
// the file system and git, the engine renders and checks policies from it.

export type HostingProvider = 'github' | 'gitlab' | 'bitbucket' | 'other';

/** Where the code is hosted, as read from the `origin` remote. */
export interface RepositoryRef {
  provider: HostingProvider;
  /** Host name without port, lower case: `github.com`, `gitlab.example.org`. */
  host: string;
  /** The project path on the host, without `.git`: `owner/repo`, or `group/subgroup/repo` on GitLab. */
  path: string;
  /** The browsable address of the project: `https://github.com/owner/repo`. */
  webUrl: string;
}

export type ManifestKind = 'npm' | 'python' | 'cargo' | 'go' | 'dotnet' | 'maven' | 'gem' | 'composer';

export interface ManifestInfo {
  kind: ManifestKind;
  /** Path of the manifest relative to the project folder, forward slashes. */
  path: string;
  name?: string;
  version?: string;
}

/** Everything the scaffold can infer about a project without asking. */
export interface ProjectFacts {
  /** The project's name: from the manifest, else the folder name. */
  name: string;
  /** The current version: from the manifest, else the highest release tag. */
  version?: string;
  manifest?: ManifestInfo;
  repository?: RepositoryRef;
  /** Release tags as git lists them (any naming; non-version tags are ignored later). */
  tags: string[];
  /** True when the project serves web pages (a public/ or static/ folder, index.html, front-end deps). */
  hasWebFrontEnd: boolean;
  /** Folder the site is served from, relative to the project (`public`, `static`, ...), when known. */
  webRoot?: string;
  /** The existing policy file, relative to the project folder, when there is one. */
  existingPolicy?: string;
  /** A contact address the project already publishes (manifest author/bugs email), not a placeholder. */
  suggestedContact?: string;
}

/** Where GitHub, GitLab and Scorecard look for a policy. */
export type PolicyLocation = 'root' | '.github' | 'docs';

export interface ResponseTimeline {
  /** Business days until the report is acknowledged. */
  acknowledgeBusinessDays: number;
  /** Days until the reporter hears the assessment (accepted or declined, with a severity). */
  triageDays: number;
  /** Days to a released fix, by severity. */
  fixDays: { critical: number; high: number; medium: number; low: number };
}

export interface SupportedVersionRow {
  /** What the row covers: `1.x`, `0.4.x`, `< 1.0`, or a sentence when nothing is released. */
  label: string;
  supported: boolean;
  note: string;
}

export interface PolicyOptions {
  scope: boolean;
  userPractices: boolean;
  safeHarbor: boolean;
  recognition: boolean;
}

/** What the scaffold renders: facts plus the user's answers. */
export interface PolicyAnswers {
  projectName: string;
  version?: string;
  /** Decides which dependency-audit command the user-practices section names. */
  manifestKind?: ManifestKind;
  repository?: RepositoryRef;
  tags: string[];
  /** A validated e-mail address, when the project takes reports by mail. */
  contactEmail?: string;
  /** Point reporters at the host's private channel (GitHub advisories, GitLab confidential issues). */
  usePrivateChannel: boolean;
  location: PolicyLocation;
  timeline: ResponseTimeline;
  sections: PolicyOptions;
  /** Where the maintainers' PGP key can be fetched, and/or its fingerprint. */
  pgpKey?: { url?: string; fingerprint?: string };
  /** When set, the rendered policy mentions the site's security.txt. */
  securityTxtPath?: string;
}

/** What the checker needs besides the text. */
export interface PolicyCheckFacts {
  /** Path of the policy relative to the project folder, forward slashes (`.github/SECURITY.md`). */
  policyPath: string;
  /** The project's current version (manifest, else highest tag). */
  version?: string;
  /** The project's `origin` remote. */
  repository?: RepositoryRef;
  /** Whether a path relative to the project folder exists; without it dead links are not checked. */
  fileExists?: (relativePath: string) => boolean;
  /** YYYY-MM-DD, for suppressions with an `until` date; defaults to today. */
  today?: string;
}
