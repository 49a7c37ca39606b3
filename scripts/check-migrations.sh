#!/usr/bin/env bash
# Fails when src/db/schema has changes that no migration in drizzle/ captures, i.e. when
# drizzle-kit would generate a new migration. Runs on a scratch copy: the tree is untouched.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src/db"
cp -r "$root/src/db/schema" "$scratch/src/db/schema"
cp -r "$root/drizzle" "$scratch/drizzle"
cp "$root/drizzle.config.ts" "$root/package.json" "$scratch/"
ln -s "$root/node_modules" "$scratch/node_modules"
before=$(ls "$scratch/drizzle" | sort)
(cd "$scratch" && npx drizzle-kit generate --name drift_probe >/dev/null)
after=$(ls "$scratch/drizzle" | sort)
if [ "$before" != "$after" ]; then
  echo "migration drift: src/db/schema has changes no migration in drizzle/ holds." >&2
  echo "Run 'npm run db:generate -- --name <what changed>', review the SQL and commit it." >&2
  exit 1
fi
echo "drizzle/ matches src/db/schema"
