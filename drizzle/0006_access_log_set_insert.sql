-- append_access_log, same chain, same canonical form (see 0002), cheaper per row: the hashes
-- are still computed one after another (each row's hash covers the previous one), but the
-- rows go in with one INSERT … SELECT instead of one INSERT statement per row. The function
-- runs under the chain's lock, so its time per row bounds how many partner rows a second
-- every instance together can log.
CREATE OR REPLACE FUNCTION append_access_log(entries jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  tail text;
  entry jsonb;
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  -- 0x63726564 = 'cred': one lock key for the whole log.
  PERFORM pg_advisory_xact_lock(1668441444);
  SELECT hash INTO tail FROM access_log ORDER BY seq DESC LIMIT 1;
  tail := coalesce(tail, repeat('0', 64));
  FOR entry IN SELECT value FROM jsonb_array_elements(entries) WITH ORDINALITY AS e(value, n) ORDER BY n LOOP
    prevs := prevs || tail;
    tail := encode(sha256(convert_to(
      tail || E'\x1f' || to_char((entry->>'at')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\x1f' ||
      (entry->>'requestId') || E'\x1f' || (entry->>'principal') || E'\x1f' || (entry->>'role') || E'\x1f' ||
      coalesce(entry->>'agencyCode', '') || E'\x1f' || coalesce(entry->>'purpose', '') || E'\x1f' ||
      (entry->>'operation') || E'\x1f' || coalesce(entry->>'subjectId', '') || E'\x1f' ||
      coalesce(entry->>'itemCode', '') || E'\x1f' || (entry->>'fieldPath') || E'\x1f' ||
      (entry->>'decision') || E'\x1f' || (entry->>'reason'), 'UTF8')), 'hex');
    hashes := hashes || tail;
  END LOOP;
  -- Identity values are drawn in the order the sorted rows arrive: seq follows the chain.
  INSERT INTO access_log (at, request_id, principal, role, agency_code, purpose, operation, subject_id,
                          item_code, field_path, decision, reason, prev_hash, hash)
  SELECT (e.value->>'at')::timestamptz, e.value->>'requestId', e.value->>'principal', e.value->>'role',
         e.value->>'agencyCode', e.value->>'purpose', e.value->>'operation', (e.value->>'subjectId')::bigint,
         e.value->>'itemCode', e.value->>'fieldPath', (e.value->>'decision')::access_decision, e.value->>'reason',
         prevs[e.n], hashes[e.n]
  FROM jsonb_array_elements(entries) WITH ORDINALITY AS e(value, n)
  ORDER BY e.n;
  RETURN coalesce(array_length(hashes, 1), 0);
END $$;
