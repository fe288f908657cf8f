import type { CodeAction, CodeActionParams, Command, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { ServerSettings } from './settings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenDocument } from './openDocument';
import type { Config, FileInfo, Finding } from '../engine';
import type { GitFacts } from '../shared/git';

// The extension points of the language server. Other features (quick fixes, the security policy
// command, ...) plug in here without editing the server's core: a module pushes its providers into
// these arrays at import time and is imported once from `plugins.ts`. Registration must happen at
// import time because the command ids are announced in the `initialize` result.

/** A workspace folder the client told us about. */
export interface WorkspaceFolderInfo {
  uri: string;
  name: string;
  /** Absolute file-system path of the folder. */
  fsPath: string;
}

/** Logging that masks every secret the server currently knows of, plus any passed in. */
export interface MaskedLog {
  info(message: string, ...secrets: string[]): void;
  warn(message: string, ...secrets: string[]): void;
  error(message: string, error?: unknown, ...secrets: string[]): void;
}

/** What every provider and command handler gets from the server. */
export interface ServerContext {
  readonly connection: Connection;
  /** The open documents, kept in sync by the server (incremental sync). */
  readonly documents: TextDocuments<OpenDocument>;
  /** False in an untrusted workspace: nothing the workspace wrote may run (see withoutWorkspaceCode). */
  readonly trusted: boolean;
  /**
   * The findings behind the diagnostics last published for an open document (engine findings
   * plus those of `diagnosticProviders`), or undefined when it was not scanned (closed, excluded).
   * Findings carry `secret.value`: use it to build edits, never print it.
   */
  findingsFor(uri: string): Finding[] | undefined;
  /** The effective config for a document: settings merged with its folder's `.secure-hygiene.json`. */
  configFor(uri: string): Promise<Config>;
  /** The user's `secureHygiene.*` settings for the document's workspace folder. */
  settingsFor(uri: string): Promise<ServerSettings>;
  /** Git facts of the repository holding the document's workspace folder, if any. */
  gitFactsFor(uri: string): Promise<GitFacts | undefined>;
  workspaceFolderFor(uri: string): WorkspaceFolderInfo | undefined;
  /** Every workspace folder the client told us about. */
  workspaceFolders(): WorkspaceFolderInfo[];
  /** Path relative to the document's workspace folder, forward slashes (the file name if none). */
  relativePath(uri: string): string;
  /** The FileInfo the engine gets for a document (path, language, git state). */
  fileInfoFor(uri: string): Promise<FileInfo>;
  /** Re-scans one open document, or all of them (after a fix changed files on disk, ...). */
  revalidate(uri?: string): void;
  /**
   * The engine's findings for a text of the document (a one-shot scan on a scan worker, within
   * the time budget: none when over it). Never scan on the server's own thread: it must keep answering.
   */
  scanText(uri: string, text: string): Promise<Finding[]>;
  readonly log: MaskedLog;
}

/** Produces extra findings for a document; they are published with the engine's. */
export type DiagnosticProvider = (document: TextDocument, ctx: ServerContext) => Promise<Finding[]>;

/** Answers `textDocument/codeAction`; the results of all providers are concatenated. */
export type CodeActionProvider = (params: CodeActionParams, ctx: ServerContext) => Promise<(CodeAction | Command)[]>;

/** Runs a `workspace/executeCommand`; `args` are the command's arguments as sent. */
export type CommandHandler = (args: unknown[], ctx: ServerContext) => Promise<unknown>;

/**
 * Adjusts a file's findings before they are published (the history's facts, ...), an open document's
 * or one the workspace scan read from disk. It must not
 * wait on anything slow: what is not known yet is left out, and `revalidate` publishes it later.
 */
export type FindingAnnotator = (uri: string, findings: Finding[], ctx: ServerContext) => Promise<void>;

/** Git's facts changed (a commit, a checkout, an add, a .gitignore edit). */
export type GitChangeListener = (ctx: ServerContext) => void;

export const diagnosticProviders: DiagnosticProvider[] = [];
export const findingAnnotators: FindingAnnotator[] = [];
export const gitChangeListeners: GitChangeListener[] = [];
export const codeActionProviders: CodeActionProvider[] = [];
export const commandHandlers = new Map<string, CommandHandler>();

/** The code action kind of "fix all Secure Hygiene problems" (a source action). */
export const FIX_ALL_KIND = 'source.fixAll.secureHygiene';
