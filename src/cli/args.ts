// A small, strict command-line parser: every subcommand declares its options, and anything it
// did not declare is a usage error (exit code 2), never silently ignored.

export class UsageError extends Error {}

export interface OptionSpec {
  /** Long name without dashes: `format` for `--format`. */
  name: string;
  /** `string` options take a value (`--format json` or `--format=json`); flags do not. */
  type: 'string' | 'flag';
  /** One-letter alias without the dash: `f` for `-f`. */
  short?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  /** A flag that also has a `--no-NAME` form (`--no-color`). */
  negatable?: boolean;
}

export interface ParsedArgs {
  /** String options by name; flags are `true`, or `false` when negated. */
  options: Map<string, string | boolean>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short!, spec]));
  const options = new Map<string, string | boolean>();
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let negated = false;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec && name.startsWith('no-')) {
        const positive = byName.get(name.slice(3));
        if (positive?.negatable) {
          spec = positive;
          negated = true;
        }
      }
      if (!spec) throw new UsageError(`unknown option ${arg.slice(0, eq === -1 ? undefined : eq)}`);
    } else {
      spec = byShort.get(arg.slice(1, 2));
      if (!spec) throw new UsageError(`unknown option ${arg.slice(0, 2)}`);
      if (arg.length > 2) inline = arg.slice(2);
    }

    if (spec.type === 'flag') {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`);
      options.set(spec.name, !negated);
      continue;
    }
    if (negated) throw new UsageError(`unknown option --no-${spec.name}`);
    const value = inline ?? argv[i + 1];
    if (inline === undefined) {
      if (value === undefined || (value.startsWith('-') && value !== '-')) throw new UsageError(`option --${spec.name} needs a value`);
      i += 1;
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${spec.name} must be one of ${spec.choices.join(', ')} (got "${value}")`);
    }
    options.set(spec.name, value);
  }
  return { options, positionals };
}

/** `1048576`, `512k`, `2M`, `1MiB`, `1.5mb`: a size in bytes. */
export function parseSize(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--${option} must be a size such as 1048576, 512k or 2M (got "${text}")`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * scale);
}

export function parsePositiveInt(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${option} must be a positive whole number (got "${text}")`);
  return value;
}
