#!/bin/sh
# The pre-commit framework's entry point (.pre-commit-hooks.yaml, language: script). pre-commit
# clones this repository into its cache and runs this script from there, in the user's repository.
# The first run installs the build tools and builds the CLI inside that clone, once; later runs go
# straight to the scan. (language: node would need `npm pack` to print only the tarball's name,
# which npm does not do when a prepare script runs.)
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli.js" ]; then
  echo "secure-hygiene: first run: building the CLI in $here" >&2
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts >&2 && node esbuild.js >&2)
fi
exec node "$here/dist/cli.js" scan --staged "$@"
