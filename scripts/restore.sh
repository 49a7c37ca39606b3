#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database, then proves the access
# log's hash chain survived (npm run audit:verify: every row re-hashed and linked).
#
#   scripts/restore.sh credit-<time>.dump postgres://user@host:5432/empty_db
#   scripts/restore.sh credit-pglite-<time>.tar.gz path/to/new/pglite-dir
#
# Create the target first (createdb empty_db); a database that already has tables is refused,
# so a restore never mixes with live data. The keys of the deployment the backup came from
# must be in the environment (ID_HMAC_KEY, ID_ENCRYPTION_KEY, JWT_SECRET, ACCESS_LOG_KEY and
# ACCESS_LOG_SIGNING_KEY or ACCESS_LOG_VERIFY_KEY; embedded mode: DEV_KEYS_FILE or the same
# variables): the server reads ID numbers with them, audit:verify checks the log's MACs.
# Objects are restored without their owner and grants, then handed to credit_owner and
# granted to credit_app again (credit_apply_privileges, drizzle/0010): restore as a superuser
# or as a member of credit_owner.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "restore: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: scripts/restore.sh <backup file> <target database URL or PGlite directory>"
backup="$1"
target="$2"
[ -f "$backup" ] || die "$backup: no such file"

case "$target" in
  postgres://*|postgresql://*)
    command -v pg_restore >/dev/null || die "pg_restore is not installed (apt-get install postgresql-client)"
    for key in ID_HMAC_KEY ID_ENCRYPTION_KEY JWT_SECRET ACCESS_LOG_KEY; do
      [ -n "${!key:-}" ] || die "$key is not set: export the keys of the deployment this backup came from"
    done
    existing=$(psql "$target" -v ON_ERROR_STOP=1 -tAc \
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r','p') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'") \
      || die "cannot connect to $target"
    [ "$existing" = "0" ] || die "$target already has $existing tables; restore only into an empty database (createdb a new one)"
    # One transaction: a restore that fails half-way leaves the target empty, not half-filled.
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$backup" \
      || die "pg_restore failed; $target is unchanged"
    psql "$target" -v ON_ERROR_STOP=1 -qc "SELECT credit_apply_privileges()" >/dev/null \
      || die "restored, but the owner and grants could not be set (run npm run migrate on $target as a superuser or credit_owner)"
    echo "restore: $backup restored into $target"
    env -u PGLITE_DIR DATABASE_URL="$target" npm run --silent audit:verify
    ;;
  *)
    [ -n "${ID_HMAC_KEY:-}" ] || [ -f "${DEV_KEYS_FILE:-.data/dev-keys.json}" ] \
      || die "no keys: set DEV_KEYS_FILE to the embedded keys file kept with this backup (or ID_HMAC_KEY, ID_ENCRYPTION_KEY, JWT_SECRET)"
    [ ! -e "$target" ] || [ -z "$(ls -A "$target")" ] || die "$target exists and is not empty; restore into a new directory"
    mkdir -p "$target"
    tar -xzf "$backup" -C "$target" || die "tar failed"
    [ -f "$target/PG_VERSION" ] || die "$backup did not contain a PGlite data directory"
    echo "restore: $backup restored into $target"
    env -u DATABASE_URL PGLITE_DIR="$target" npm run --silent audit:verify
    ;;
esac
echo "restore: done; start the server on it with the same keys"
