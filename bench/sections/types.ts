// The contract between bench/run.ts and its sections. A section measures one thing and reports
// figures; it never asserts on time. Add a section: write bench/sections/<name>.ts exporting a
// BenchSection, and list it in bench/sections/index.ts.

export interface BenchContext {
  /** The repository root. */
  repoRoot: string;
  /** `.bench/` under the root (git-ignored): generated inputs and outputs live here. */
  cacheDir: string;
  /** The built CLI (`dist/cli.js`) and server (`dist/server.js`); run.ts builds before starting. */
  cliJs: string;
  serverJs: string;
  /** Prints a line of progress or detail under the section's heading. */
  log(line: string): void;
  /** Records a figure for the final table. `note` says how it was measured, briefly. */
  report(metric: string, value: string, note?: string): void;
}

export interface BenchSection {
  name: string;
  /** One line shown in the heading: what the section measures. */
  description?: string;
  run(ctx: BenchContext): Promise<void>;
}
