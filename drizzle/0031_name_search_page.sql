-- The name search's page in one call. W3 (uncached public search, 1,000,000 subjects) spent a
-- tenth of PostgreSQL's CPU planning the page statement anew for every request, and as much
-- again passing the cap's 1,000 matches through a function result and back:
-- 1. The page statement ranked subject_name_matches()'s rows with `LIMIT $n`: a generic plan
--    prices an unknown LIMIT at a tenth of its input (33 of 333 rows) against the custom plans'
--    page (11), so PostgreSQL planned every execution afresh (perf: 10.9 % of its CPU under W3).
--    The page is now ranked inside subject_name_search_page(), whose caller joins its rows to
--    subjects with nothing a parameter's value could change: the cached plan is reused.
-- 2. subject_name_matches() returned its 1,000 matches through a tuplestore for the page
--    statement to read, count, sort and drop all but a page of. subject_name_search_page() ranks
--    and counts them in the statement that finds them and returns only the page.
-- The walk itself is planned by subject_name_walk(), for both functions: the same statement,
-- matches, order and join method as 0030 (whose body this repeats but for being split in two:
-- a migration cannot refer to another's text). subject_name_matches() keeps its signature and
-- rows (the count of a page past the end, and the tests, use it).

-- The statement that walks the name index for a keyword, and whether it should merge (0030's
-- planning, unchanged). The caller runs it under 0030's SET list and, when `merge`, with nested
-- loops off and merge joins on for its own call only (set_config(…, true) under a SET clause).
CREATE OR REPLACE FUNCTION subject_name_walk(keyword text, kinds subject_kind[], cap integer, OUT statement text, OUT merge boolean)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
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
  frequency real;
  -- The rarest of the covering pairs (offsets), the ones the match is made of.
  covering_fewest bigint;
  covering_driver integer;
BEGIN
  IF n IS NULL OR n < 2 THEN
    RAISE EXCEPTION 'name search: a keyword has 2 or more characters, got %', coalesce(quote_literal(keyword), 'NULL')
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
  IF exact THEN
    statement := format(
      'SELECT DISTINCT ON (d.subject_id) d.subject_id, d.pos - %s, d.name_length::integer
         FROM subject_name_pairs d
        WHERE d.pair = %L AND d.pos > %s AND d.kind <> ALL (%L::subject_kind[])%s
        ORDER BY d.subject_id, d.pos LIMIT %s',
      driver, substr(kw, driver + 1, 2), driver, excluded, lookups, cap);
  ELSE
    statement := format(
      'SELECT DISTINCT ON (d.subject_id) d.subject_id, strpos(lower(s.name), %L), d.name_length::integer
         FROM subject_name_pairs d JOIN subjects s ON s.id = d.subject_id
        WHERE d.pair = %L AND d.pos > %s AND d.kind <> ALL (%L::subject_kind[])%s AND strpos(lower(s.name), %L) > 0
        ORDER BY d.subject_id LIMIT %s',
      kw, substr(kw, driver + 1, 2), driver, excluded, lookups, kw, cap);
  END IF;
END $$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION subject_name_matches(keyword text, kinds subject_kind[], cap integer)
  RETURNS TABLE (subject_id bigint, pos integer, name_length integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
  -- For the walk: index scans only — in index order with lookups or beside the other pairs'
  -- lists, nothing hashed or sorted whole — and no parallel workers or JIT compilation, whose
  -- start-up costs more than these few-millisecond queries. The join method is chosen below,
  -- for this call only (these settings are restored when it returns).
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_nestloop = on SET enable_bitmapscan = off SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0 SET jit = off
  AS $$
DECLARE
  walk record;
BEGIN
  walk := subject_name_walk(keyword, kinds, cap);
  IF walk.merge THEN
    PERFORM set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'on', true);
  END IF;
  RETURN QUERY EXECUTE walk.statement;
END $$;
--> statement-breakpoint

-- One page of the search's ranked matches: the first `cap` matches in subject id order (the
-- walk), ranked by the search order — the name itself first, then an earlier position, then a
-- shorter name, the subject id breaking ties — those after the key (after_inexact, after_pos,
-- after_length, after_id) in that order, at most page_limit of them, each with the count of
-- all matches (total) and of those up to the key (through). A page past the end has no rows:
-- its counts come from subject_name_matches().
CREATE OR REPLACE FUNCTION subject_name_search_page(
    keyword text, kinds subject_kind[], cap integer, page_limit integer,
    after_inexact integer, after_pos integer, after_length integer, after_id bigint)
  RETURNS TABLE (subject_id bigint, total bigint, through bigint, inexact integer, pos integer, name_length integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 20
  -- As subject_name_matches(); the ranking sorts at most `cap` rows, in memory.
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_nestloop = on SET enable_bitmapscan = off SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0 SET jit = off
  AS $$
DECLARE
  walk record;
BEGIN
  walk := subject_name_walk(keyword, kinds, cap);
  IF walk.merge THEN
    PERFORM set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'on', true);
  END IF;
  -- Counted before the key filter (window functions run first); sorted top-N for the LIMIT.
  RETURN QUERY EXECUTE format(
    'SELECT r.subject_id, r.total, r.through, r.inexact, r.pos, r.name_length FROM (
       SELECT m.subject_id, m.pos, m.name_length, (NOT (m.pos = 1 AND m.name_length = $1))::integer AS inexact,
              count(*) OVER () AS total,
              count(*) FILTER (WHERE ((NOT (m.pos = 1 AND m.name_length = $1))::integer, m.pos, m.name_length, m.subject_id) <= ($2, $3, $4, $5)) OVER () AS through
         FROM (%s) m (subject_id, pos, name_length)) r
      WHERE (r.inexact, r.pos, r.name_length, r.subject_id) > ($2, $3, $4, $5)
      ORDER BY r.inexact, r.pos, r.name_length, r.subject_id
      LIMIT $6', walk.statement)
    USING char_length(keyword), after_inexact, after_pos, after_length, after_id, page_limit;
END $$;
