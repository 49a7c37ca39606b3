-- The access log's append function alone: backend CPU per 1,000-row append, 20 appends, each rolled
-- back (W2-like rows). psql -q -h 127.0.0.1 -U postgres -d <migrated database> -f bench/append-cost.sql
-- prints the backend's CPU ticks (1/100 s) before and after: (after - before) * 10 / 20 = ms per append.
CREATE TEMP TABLE batch AS SELECT jsonb_agg(jsonb_build_object(
  'at', '2026-12-06T22:00:00.123Z', 'requestId', 'req-' || (i/370), 'clientRequestId', null,
  'principal', 'bench-partner', 'role', 'PARTNER', 'agencyCode', 'JS_PRTC', 'purpose', 'PUBLIC_RESOURCE_TRADING',
  'operation', 'query PartnerBatch', 'subjectId', i, 'itemCode', '03-02-001',
  'fieldPath', 'subjectsByCodes.' || (i % 50) || '.profile.penalties.edges.0.node{id,catalogItem,decisionDate,severity,publicationStart,publicationEnd,recordStatus,disputed,documentNumber,penaltyCategory,fineAmount,decidedOn}',
  'decision', 'ALLOW', 'reason', 'SHARED:sharing-agreements-2025', 'writer', 'wdeadbeefdeadbeef', 'writerSeq', i, 'keyId', 'k1',
  'mac', encode(sha256(i::text::bytea), 'hex'))) AS j FROM generate_series(1, 1000) i;
SELECT pg_backend_pid() AS pid \gset
\setenv BACKEND_PID :pid
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
\! awk '{print "cpu_ticks_before", $14+$15}' /proc/$BACKEND_PID/stat
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
BEGIN; SELECT append_access_log(j) FROM batch; ROLLBACK;
\! awk '{print "cpu_ticks_after", $14+$15}' /proc/$BACKEND_PID/stat
