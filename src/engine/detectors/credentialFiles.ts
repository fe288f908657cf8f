import type { Detector } from './detector';
import { pgpassRule } from '../rules/secrets/providers/credentialFiles';
import { detectSecrets } from '../secrets/detect';
import { isPgpassFile } from '../credentialStores';
import { userRegex } from '../userPatterns';

// Secret rules bound to a file's name: a `.pgpass` line (`host:port:db:user:password`) is only a
// credential in a file libpq reads; the same shape elsewhere is a time, an address or a log line.
// Matching and value checks are the secret detector's own (detectSecrets), on these files only.

const pathRules = [pgpassRule];

export const credentialFileDetector: Detector = {
  name: 'credential files',
  rules: () => pathRules,
  wants: ({ file }) => isPgpassFile(file.path),
  detect: ({ text, kind, config }) => detectSecrets(text, pathRules, {
    kind,
    allowedValues: new Set(config.allowlist.values),
    // User patterns run on RE2, never V8's backtracking engine (userPatterns.ts).
    allowedPatterns: config.allowlist.patterns.flatMap((pattern) => userRegex(pattern) ?? []),
  }),
};
