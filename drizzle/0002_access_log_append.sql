-- Appends one request's access-log rows in a single statement: takes a transaction-scoped
-- advisory lock (so concurrent requests, on any number of server instances, chain one after
-- another), reads the chain's tail and inserts every row with its hash.
--
-- Canonical form hashed for a row (src/audit/hash-chain.ts computes the same to verify):
--   sha256( prev_hash || E'\x1f' || at (UTC, microseconds, ISO 8601 with Z) || E'\x1f' ||
--           request_id || E'\x1f' || principal || E'\x1f' || role || E'\x1f' ||
--           coalesce(agency_code,'') || E'\x1f' || coalesce(purpose,'') || E'\x1f' ||
--           operation || E'\x1f' || coalesce(subject_id::text,'') || E'\x1f' ||
--           coalesce(item_code,'') || E'\x1f' || field_path || E'\x1f' || decision || E'\x1f' || reason )
-- written as lowercase hex; the first row's prev_hash is 64 zeros.
CREATE FUNCTION append_access_log(entries jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  tail text;
  entry jsonb;
  at_ts timestamptz;
  row_hash text;
  n integer := 0;
BEGIN
  -- 0x63726564 = 'cred': one lock key for the whole log.
  PERFORM pg_advisory_xact_lock(1668441444);
  SELECT hash INTO tail FROM access_log ORDER BY seq DESC LIMIT 1;
  tail := coalesce(tail, repeat('0', 64));
  FOR entry IN SELECT value FROM jsonb_array_elements(entries) LOOP
    at_ts := (entry->>'at')::timestamptz;
    row_hash := encode(sha256(convert_to(
      tail || E'\x1f' || to_char(at_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\x1f' ||
      (entry->>'requestId') || E'\x1f' || (entry->>'principal') || E'\x1f' || (entry->>'role') || E'\x1f' ||
      coalesce(entry->>'agencyCode', '') || E'\x1f' || coalesce(entry->>'purpose', '') || E'\x1f' ||
      (entry->>'operation') || E'\x1f' || coalesce(entry->>'subjectId', '') || E'\x1f' ||
      coalesce(entry->>'itemCode', '') || E'\x1f' || (entry->>'fieldPath') || E'\x1f' ||
      (entry->>'decision') || E'\x1f' || (entry->>'reason'), 'UTF8')), 'hex');
    INSERT INTO access_log (at, request_id, principal, role, agency_code, purpose, operation, subject_id,
                            item_code, field_path, decision, reason, prev_hash, hash)
    VALUES (at_ts, entry->>'requestId', entry->>'principal', entry->>'role', entry->>'agencyCode',
            entry->>'purpose', entry->>'operation', (entry->>'subjectId')::bigint, entry->>'itemCode',
            entry->>'fieldPath', (entry->>'decision')::access_decision, entry->>'reason', tail, row_hash);
    tail := row_hash;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
