-- Name search by positioned character pairs (see subjectNamePairs in src/db/schema/parties.ts).
-- Replaces the GIN bigram index of 0005: a GIN scan cannot stop early, so a keyword that
-- 87,839 of 1,000,000 names contain (科技) built a bitmap of all of them before the search
-- took its first 1,000; a B-tree scan of one pair yields subjects in id order and stops.
CREATE TABLE "subject_name_pairs" (
	"pair" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"pos" smallint NOT NULL,
	"name_length" smallint NOT NULL,
	"kind" "subject_kind" NOT NULL
);
--> statement-breakpoint
-- One pair per position: substr over code points, lower-cased as keywords are. Positions and
-- lengths are smallint; a name longer than 32,767 characters is indexed by its beginning.
CREATE FUNCTION subject_name_pairs_of(id bigint, name text, kind subject_kind)
  RETURNS SETOF subject_name_pairs
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT substr(lower($2), i, 2), $1, i::smallint, least(char_length($2), 32767)::smallint, $3
        FROM generate_series(1, least(char_length($2), 32767) - 1) AS i $$;--> statement-breakpoint
-- Existing subjects, before the index exists (one sort instead of row-by-row insertion).
INSERT INTO "subject_name_pairs" SELECT p.* FROM "subjects" s, subject_name_pairs_of(s.id, s.name, s.kind) p;--> statement-breakpoint
CREATE INDEX "subject_name_pairs_lookup" ON "subject_name_pairs" USING btree ("pair","subject_id","pos","name_length","kind");--> statement-breakpoint
-- The 1,000 most common pairs and their frequencies (subject_name_matches() ranks common pairs
-- by them), and statistics now, not at autovacuum's next pass.
ALTER TABLE "subject_name_pairs" ALTER COLUMN "pair" SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "subject_name_pairs";--> statement-breakpoint
DROP INDEX "subjects_name_grams";--> statement-breakpoint
DROP FUNCTION subject_name_grams(text);--> statement-breakpoint
-- Kept by a trigger, so every path that writes subjects (API, import, seed, SQL by hand)
-- keeps the index true. Seeding's bulk load bypasses it and fills the table set-wise
-- (src/db/seed/trigger-checks.ts).
CREATE FUNCTION subjects_name_pairs_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM subject_name_pairs WHERE subject_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO subject_name_pairs SELECT * FROM subject_name_pairs_of(NEW.id, NEW.name, NEW.kind);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER subjects_name_pairs AFTER INSERT OR DELETE OR UPDATE OF name, kind ON subjects
  FOR EACH ROW EXECUTE FUNCTION subjects_name_pairs_sync();--> statement-breakpoint
-- The first `cap` subjects (in id order) of the given kinds whose lower-cased name contains the
-- lower-cased keyword, with the first position of the keyword and the name's length.
--
-- The keyword is covered by its pairs at offsets 0, 2, 4, … and its last pair: a name holds the
-- keyword at position p exactly when each of those pairs is at p + its offset. Up to six pairs
-- (keywords of up to 12 characters) that is the whole test; a longer keyword is looked up by
-- its first five pairs and its last, then checked against the name itself.
--
-- The plan is fixed here rather than left to the planner, which takes a keyword's pairs as
-- independent: for 信息技术 it expected 5 matches where 43,871 names have both pairs, hashed
-- both lists whole and took 340 ms. Instead: count each pair's entries up to 2,000 (an
-- index-only probe; pairs past the bound are ranked by their frequency in the statistics),
-- walk the rarest pair's entries in subject id order, look each other pair up at its exact
-- position, and stop at the cap. A keyword whose pairs are all common but
-- rarely adjacent is the worst case: one index probe per entry of its rarest pair.
CREATE FUNCTION subject_name_matches(keyword text, kinds subject_kind[], cap integer)
  RETURNS TABLE (subject_id bigint, pos integer, name_length integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
  -- For the statements below: index scans only — a walk in index order with lookups, nothing
  -- hashed or sorted whole — and no parallel workers or JIT compilation, whose start-up costs
  -- more than these few-millisecond queries.
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_bitmapscan = off SET enable_seqscan = off
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
    SELECT count(*) INTO entries FROM (
      SELECT FROM subject_name_pairs e WHERE e.pair = substr(kw, o + 1, 2) LIMIT 2000) bounded;
    IF entries = 2000 THEN
      entries := entries + coalesce((
        SELECT round(st.most_common_freqs[array_position(st.most_common_vals::text::text[], substr(kw, o + 1, 2))] * 1e9)
          FROM pg_stats st
         WHERE st.schemaname = current_schema() AND st.tablename = 'subject_name_pairs' AND st.attname = 'pair'), 0);
    END IF;
    IF fewest IS NULL OR entries < fewest THEN fewest := entries; driver := o; END IF;
    EXIT WHEN entries = 0;
  END LOOP;
  FOR i IN 1 .. cardinality(offsets) LOOP
    CONTINUE WHEN offsets[i] = driver;
    lookups := lookups || format(
      ' AND EXISTS (SELECT FROM subject_name_pairs o WHERE o.pair = %L AND o.subject_id = d.subject_id AND o.pos = d.pos + %s)',
      substr(kw, offsets[i] + 1, 2), offsets[i] - driver);
  END LOOP;
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
