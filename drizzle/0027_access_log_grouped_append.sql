-- append_access_log_grouped: the same chain, the same rows, the same canonical form as
-- append_access_log (0010, checks as in 0020; src/audit/hash-chain.ts verifies both), from a
-- smaller message parsed once. A request's rows share its time, ids, principal, role, agency,
-- purpose and operation, and a batch's rows share the writer and key: they are sent once, not
-- on each of a partner batch's ~170 rows, which made the old message three times the size and
-- its parsing (twice: once for the chain, once for the INSERT) most of the append's cost.
--   batch = { "writer": w, "keyId": k, "requests": [ { "at", "requestId", "clientRequestId",
--             "principal", "role", "agencyCode", "purpose", "operation",
--             "rows": [ [subjectId, itemCode, fieldPath, decision, reason, writerSeq, mac], … ] }, … ] }
-- append_access_log stays, unchanged, for a server of the previous release during an upgrade.
CREATE FUNCTION append_access_log_grouped(batch jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  w text := batch->>'writer';
  k text := batch->>'keyId';
  a_at timestamptz[];
  a_request text[];
  a_client text[];
  a_principal text[];
  a_role text[];
  a_agency text[];
  a_purpose text[];
  a_operation text[];
  a_subject bigint[];
  a_item text[];
  a_path text[];
  a_decision text[];
  a_reason text[];
  a_seq bigint[];
  a_mac text[];
  rests text[];
  n integer;
  unsealed boolean;
  prevs text[];
  hashes text[];
  tail text;
  i integer;
BEGIN
  IF jsonb_typeof(batch->'requests') IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'AUDIT_UNSEALED: a batch is { writer, keyId, requests: [...] }' USING ERRCODE = 'check_violation';
  END IF;
  -- One pass over the message, in its order: every column and each row's canonical text (as
  -- 0010 builds it) before the lock; under the lock only the chain and the INSERT run.
  SELECT array_agg(s.at), array_agg(s.request_id), array_agg(s.client_request_id), array_agg(s.principal),
         array_agg(s.role), array_agg(s.agency_code), array_agg(s.purpose), array_agg(s.operation),
         array_agg(s.subject_id), array_agg(s.item_code), array_agg(s.field_path), array_agg(s.decision),
         array_agg(s.reason), array_agg(s.writer_seq), array_agg(s.mac),
         array_agg(
           E'\x1f' || to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\x1f' ||
           s.request_id || E'\x1f' || coalesce(s.client_request_id, '') || E'\x1f' ||
           s.principal || E'\x1f' || s.role || E'\x1f' ||
           coalesce(s.agency_code, '') || E'\x1f' || coalesce(s.purpose, '') || E'\x1f' ||
           s.operation || E'\x1f' || coalesce(s.subject_id::text, '') || E'\x1f' ||
           coalesce(s.item_code, '') || E'\x1f' || s.field_path || E'\x1f' ||
           s.decision || E'\x1f' || s.reason || E'\x1f' ||
           w || E'\x1f' || s.writer_seq::text || E'\x1f' || k || E'\x1f' || s.mac),
         count(*),
         coalesce(bool_or(char_length(coalesce(s.mac, '')) <> 64 OR s.mac ~ '[^0-9a-f]' OR w IS NULL OR k IS NULL
                          OR coalesce(s.writer_seq, 0) < 1), false)
    INTO a_at, a_request, a_client, a_principal, a_role, a_agency, a_purpose, a_operation, a_subject, a_item,
         a_path, a_decision, a_reason, a_seq, a_mac, rests, n, unsealed
    FROM (
      SELECT g.at, g."requestId" AS request_id, g."clientRequestId" AS client_request_id, g.principal, g.role,
             g."agencyCode" AS agency_code, g.purpose, g.operation,
             (e.r->>0)::bigint AS subject_id, e.r->>1 AS item_code, e.r->>2 AS field_path, e.r->>3 AS decision,
             e.r->>4 AS reason, (e.r->>5)::bigint AS writer_seq, e.r->>6 AS mac
        FROM ROWS FROM (jsonb_to_recordset(batch->'requests') AS (at timestamptz, "requestId" text, "clientRequestId" text,
               principal text, role text, "agencyCode" text, purpose text, operation text, rows jsonb)) WITH ORDINALITY
             AS g(at, "requestId", "clientRequestId", principal, role, "agencyCode", purpose, operation, rows, gord)
       CROSS JOIN LATERAL jsonb_array_elements(g.rows) WITH ORDINALITY AS e(r, rord)
       ORDER BY g.gord, e.rord
    ) s;
  IF unsealed THEN
    RAISE EXCEPTION 'AUDIT_UNSEALED: every access-log entry must carry writer, writerSeq, keyId and mac'
      USING ERRCODE = 'check_violation';
  END IF;
  IF n = 0 THEN RETURN 0; END IF;
  prevs := array_fill(NULL::text, ARRAY[n]);
  hashes := array_fill(NULL::text, ARRAY[n]);
  -- 0x63726564 = 'cred': the one lock key of the whole log (append_access_log takes the same), held to commit.
  PERFORM pg_advisory_xact_lock(1668441444);
  SELECT hash INTO tail FROM access_log ORDER BY seq DESC LIMIT 1;
  tail := coalesce(tail, repeat('0', 64));
  FOR i IN 1..n LOOP
    prevs[i] := tail;
    tail := encode(sha256(convert_to(tail || rests[i], 'UTF8')), 'hex');
    hashes[i] := tail;
  END LOOP;
  -- Identity values are drawn in the order the rows arrive: seq follows the chain.
  INSERT INTO access_log (at, request_id, client_request_id, principal, role, agency_code, purpose, operation,
                          subject_id, item_code, field_path, decision, reason, writer, writer_seq, key_id, mac,
                          prev_hash, hash)
  SELECT u.at, u.request_id, u.client_request_id, u.principal, u.role, u.agency_code, u.purpose, u.operation,
         u.subject_id, u.item_code, u.field_path, u.decision::access_decision, u.reason, w, u.writer_seq, k, u.mac,
         u.prev, u.hash
    FROM unnest(a_at, a_request, a_client, a_principal, a_role, a_agency, a_purpose, a_operation, a_subject, a_item,
                a_path, a_decision, a_reason, a_seq, a_mac, prevs, hashes) WITH ORDINALITY
         AS u(at, request_id, client_request_id, principal, role, agency_code, purpose, operation, subject_id, item_code,
              field_path, decision, reason, writer_seq, mac, prev, hash, ord)
   ORDER BY u.ord;
  RETURN n;
END $$;
--> statement-breakpoint
-- Like append_access_log: the application role may execute it, nobody else (functions are
-- executable by PUBLIC unless revoked). credit_apply_privileges hands it to credit_owner after
-- this migration; a change of owner keeps these grants.
REVOKE ALL ON FUNCTION append_access_log_grouped(jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION append_access_log_grouped(jsonb) TO credit_app;
