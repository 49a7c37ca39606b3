-- subject_name_matches (0007, 0028) with the same matches and order, found faster. Timing the
-- function per keyword (50 warm calls each, 1,000,000 subjects) showed the bench's two-character
-- keywords at 0.3 ms and its four-character ones at 4.4–5.0 ms, most of W3's database CPU:
-- 1. The walk. 信息技术 (信息 and 技术 each in 43,871 names, together in all of them) was one
--    index descent per entry of the driving pair, ~1,000 for a page's cap of 1,000 matches. The
--    other pairs' entries come in the same subject id order, so they are now read beside the
--    driving pair's (a merge join on subject_id, the position checked per candidate) when each
--    has at most eight times the driving pair's entries, and looked up as before otherwise (有限
--    in nearly every name, beside a rarer 科技).
-- 2. The driving pair. A pair between the covering ones (饮管 in 餐饮管理) was taken whenever the
--    statistics ranked it a little rarer, adding a third pair to match; it is now taken only
--    when it has fewer than half the entries of the rarest covering pair (有限科技: 限科 still).
-- 3. The ranking. Once the statistics are read, a pair they list at twice the probe's bound or
--    more is ranked without counting its first 2,000 entries (~0.16 ms a pair).
-- Four-character keywords of the bench: 4.4–5.0 ms → 0.8–0.95 ms a call; two-character ones
-- unchanged (one pair, nothing to join); 上海信息技术有限公司 62–153 → 22–25 ms. W3 (uncached public
-- search, 20 s runs alternating this function and 0028's on one server): 542 and 536 → 812 and
-- 706 req/s, database CPU 2.5–2.6 → 1.3–1.6 ms a request. The body repeats 0028's but for these:
-- a migration cannot refer to another's text.
CREATE OR REPLACE FUNCTION subject_name_matches(keyword text, kinds subject_kind[], cap integer)
  RETURNS TABLE (subject_id bigint, pos integer, name_length integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
  -- For the statements below: index scans only — a walk in index order with lookups or beside
  -- the other pairs' lists, nothing hashed or sorted whole — and no parallel workers or JIT
  -- compilation, whose start-up costs more than these few-millisecond queries. The join method
  -- is chosen below, for this call only (these settings are restored when it returns).
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_nestloop = on SET enable_bitmapscan = off SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0 SET jit = off
  AS $$
DECLARE
  kw text := lower(keyword);
  n integer := char_length(kw);
  -- Kinds are filtered as "not one of the others": an = ANY(…) on the index's last column
  -- would be an index condition that makes a B-tree scan (before PostgreSQL 17) give up its
  -- order, and the search its early stop; <> ALL is checked on each index entry instead.
  excluded subject_kind[] := ARRAY(SELECT unnest(enum_range(NULL::subject_kind)) EXCEPT SELECT unnest(kinds));
  offsets integer[] := '{}';
  exact boolean;
  -- Offset in the keyword of the pair the walk starts from.
  driver integer := 0;
  fewest bigint;
  entries bigint;
  lookups text := '';
  -- The name index's most common pairs and their frequencies, read from the statistics once a
  -- call, when a pair first reaches the probe's bound (see below).
  common_pairs text[];
  common_freqs real[];
  stats_read boolean := false;
  -- Rows of the name index, and each probed pair's entries: counted up to the probe's bound,
  -- estimated from the statistics past it (the least common listed frequency for an unlisted pair).
  pairs_total real;
  estimates bigint[] := '{}';
  -- Whether the other pairs are walked beside the driving one rather than looked up.
  merge boolean;
  frequency real;
  -- The rarest of the covering pairs (offsets), the ones the match is made of.
  covering_fewest bigint;
  covering_driver integer;
BEGIN
  IF n IS NULL OR n < 2 THEN
    RAISE EXCEPTION 'subject_name_matches: a keyword has 2 or more characters, got %', coalesce(quote_literal(keyword), 'NULL')
      USING ERRCODE = '22023';
  END IF;
  FOR o IN 0 .. n - 2 BY 2 LOOP offsets := offsets || o; END LOOP;
  IF offsets[cardinality(offsets)] <> n - 2 THEN offsets := offsets || (n - 2); END IF;
  exact := cardinality(offsets) <= 6;
  IF NOT exact THEN offsets := offsets[1:5] || (n - 2); END IF;
  -- The walk may start from any of the keyword's pairs, covering or not: for 有限科技 both
  -- covering pairs are common (有限 in nearly every name, 科技 in 88,000) but 限科 is rare.
  -- Pairs are probed at the first twelve offsets at most; a two-character keyword is its only pair.
  FOR o IN 0 .. least(n - 2, 11) LOOP
    EXIT WHEN n = 2;
    -- Once the statistics are read, a pair they list at twice the bound or more is past it
    -- without counting (a count to the bound reads 2,000 index entries, ~0.16 ms).
    frequency := CASE WHEN stats_read THEN common_freqs[array_position(common_pairs, substr(kw, o + 1, 2))] END;
    IF frequency * greatest(pairs_total, 0) >= 4000 THEN
      entries := 2000;
    ELSE
      SELECT count(*) INTO entries FROM (
        SELECT FROM subject_name_pairs e WHERE e.pair = substr(kw, o + 1, 2) LIMIT 2000) bounded;
    END IF;
    IF entries = 2000 THEN
      -- pg_stats' 1,000 values go through text to become a text[]: read once a call, however
      -- many of the keyword's pairs are common, not once a pair.
      IF NOT stats_read THEN
        SELECT st.most_common_vals::text::text[], st.most_common_freqs INTO common_pairs, common_freqs
          FROM pg_stats st
         WHERE st.schemaname = current_schema() AND st.tablename = 'subject_name_pairs' AND st.attname = 'pair';
        SELECT c.reltuples INTO pairs_total FROM pg_class c WHERE c.oid = 'subject_name_pairs'::regclass;
        stats_read := true;
      END IF;
      estimates[o + 1] := greatest(2000, round(coalesce(common_freqs[array_position(common_pairs, substr(kw, o + 1, 2))],
        common_freqs[cardinality(common_freqs)], 0) * greatest(pairs_total, 0)));
      entries := entries + coalesce(round(common_freqs[array_position(common_pairs, substr(kw, o + 1, 2))] * 1e9), 0);
    ELSE
      estimates[o + 1] := entries;
    END IF;
    IF fewest IS NULL OR entries < fewest THEN fewest := entries; driver := o; END IF;
    IF o = ANY (offsets) AND (covering_fewest IS NULL OR entries < covering_fewest) THEN
      covering_fewest := entries; covering_driver := o;
    END IF;
    EXIT WHEN entries = 0;
  END LOOP;
  -- A driving pair outside the covering ones adds a pair to match: it is taken only when it
  -- has fewer than half the entries of the rarest covering pair (餐饮管理: 饮管 is in as many
  -- names as 餐饮, and walking 饮管 would match both 餐饮 and 管理 against it).
  IF covering_fewest IS NOT NULL AND NOT fewest * 2 < covering_fewest THEN driver := covering_driver; END IF;
  -- A lookup (one index descent an entry of the driving pair, ~3 µs) against a merge (the
  -- other pair's entries read in subject id order beside the driving pair's, ~0.3 µs an entry):
  -- the merge reads every entry of the other pair between two of the driver's, so it is
  -- cheaper while the other pair has fewer than about ten times the driver's entries. Eight,
  -- to leave room for the estimates' error.
  merge := exact;
  FOR i IN 1 .. cardinality(offsets) LOOP
    CONTINUE WHEN offsets[i] = driver;
    merge := merge AND estimates[offsets[i] + 1] <= 8 * estimates[driver + 1];
    lookups := lookups || format(
      ' AND EXISTS (SELECT FROM subject_name_pairs o WHERE o.pair = %L AND o.subject_id = d.subject_id AND o.pos = d.pos + %s)',
      substr(kw, offsets[i] + 1, 2), offsets[i] - driver);
  END LOOP;
  IF merge THEN
    PERFORM set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'on', true);
  END IF;
  IF exact THEN
    RETURN QUERY EXECUTE format(
      'SELECT DISTINCT ON (d.subject_id) d.subject_id, d.pos - %s, d.name_length::integer
         FROM subject_name_pairs d
        WHERE d.pair = %L AND d.pos > %s AND d.kind <> ALL (%L::subject_kind[])%s
        ORDER BY d.subject_id, d.pos LIMIT %s',
      driver, substr(kw, driver + 1, 2), driver, excluded, lookups, cap);
  ELSE
    RETURN QUERY EXECUTE format(
      'SELECT DISTINCT ON (d.subject_id) d.subject_id, strpos(lower(s.name), %L), d.name_length::integer
         FROM subject_name_pairs d JOIN subjects s ON s.id = d.subject_id
        WHERE d.pair = %L AND d.pos > %s AND d.kind <> ALL (%L::subject_kind[])%s AND strpos(lower(s.name), %L) > 0
        ORDER BY d.subject_id LIMIT %s',
      kw, substr(kw, driver + 1, 2), driver, excluded, lookups, kw, cap);
  END IF;
END $$;
