#!/usr/bin/env bash
# Backs up the database the server is configured with (same environment as `npm start`).
#
#   scripts/backup.sh [output-dir]          # default output-dir: backups/
#
# PostgreSQL (DATABASE_URL set): pg_dump in custom format (-Fc), consistent while the server
# runs, written to <output-dir>/credit-<UTC time>.dump.
# Embedded PGlite (DATABASE_URL unset): a tar.gz copy of PGLITE_DIR (default .data/pglite),
# written to <output-dir>/credit-pglite-<UTC time>.tar.gz. PGlite has no online backup: the
# server must be stopped first (the script refuses while the directory is in use).
#
# The backup holds ID numbers encrypted and ID-number HMACs, never the keys: keep
# ID_HMAC_KEY, ID_ENCRYPTION_KEY and JWT_SECRET (embedded mode: DEV_KEYS_FILE) in your secret
# store, apart from the backups. Without them a restored database's ID numbers are unreadable.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-backups}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077   # personal data: readable by the owner only
mkdir -p "$out"

die() { echo "backup: $*" >&2; exit 1; }

if [ -n "${DATABASE_URL:-}" ]; then
  command -v pg_dump >/dev/null || die "pg_dump is not installed (apt-get install postgresql-client)"
  file="$out/credit-$stamp.dump"
  pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file" "$DATABASE_URL" \
    || { rm -f "$file"; die "pg_dump failed"; }
  # A dump pg_restore cannot list is no backup.
  pg_restore --list "$file" >/dev/null || die "$file is not a readable dump"
  tables=$(pg_restore --list "$file" | grep -c ' TABLE DATA ' || true)
  echo "backup: $file ($(du -h "$file" | cut -f1), $tables tables with data)"
else
  dir="${PGLITE_DIR:-.data/pglite}"
  [ "$dir" = "memory://" ] && die "PGLITE_DIR=memory:// keeps nothing on disk; there is nothing to back up"
  [ -f "$dir/PG_VERSION" ] || die "$dir is not a PGlite data directory"
  # PGlite writes postmaster.pid while the database is open and removes it on a clean close.
  [ -e "$dir/postmaster.pid" ] && die "$dir is in use (postmaster.pid exists): stop the server first. If no process uses it, the last one did not shut down cleanly: start and stop the server once, then back up"
  file="$out/credit-pglite-$stamp.tar.gz"
  tar -czf "$file" -C "$dir" . || { rm -f "$file"; die "tar failed"; }
  echo "backup: $file ($(du -h "$file" | cut -f1)) of $dir"
  echo "backup: keep ${DEV_KEYS_FILE:-.data/dev-keys.json} (the embedded keys) safe as well, apart from this file"
fi
