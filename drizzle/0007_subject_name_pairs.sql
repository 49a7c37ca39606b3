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
-- The planner picks the rarest pair of a keyword to drive the search from its statistics on
-- "pair": a finer histogram than the default 100 most common values.
ALTER TABLE "subject_name_pairs" ALTER COLUMN "pair" SET STATISTICS 1000;--> statement-breakpoint
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
-- The keyword is covered by the pairs at offsets 0, 2, 4, … and its last pair; a name holds the
-- keyword at position p exactly when each of those pairs is at p + its offset. Up to six pairs
-- (keywords of up to 12 characters) that is the whole test; a longer keyword is looked up by
-- its first five pairs and its last, then checked against the name itself.
-- Built as text and run with EXECUTE so that it is planned for these very pairs on every call:
-- the planner then drives the join from the rarest pair. A prepared (generic) plan would fix one
-- join order for all keywords and could walk a pair that every name has (有限, 公司).
CREATE FUNCTION subject_name_matches(keyword text, kinds subject_kind[], cap integer)
  RETURNS TABLE (subject_id bigint, pos integer, name_length integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
  AS $$
DECLARE
  kw text := lower(keyword);
  n integer := char_length(kw);
  offsets integer[] := '{}';
  exact boolean;
  tables text := '';
  conditions text := '';
BEGIN
  IF n IS NULL OR n < 2 THEN
    RAISE EXCEPTION 'subject_name_matches: a keyword has 2 or more characters, got %', coalesce(quote_literal(keyword), 'NULL')
      USING ERRCODE = '22023';
  END IF;
  FOR o IN 0 .. n - 2 BY 2 LOOP offsets := offsets || o; END LOOP;
  IF offsets[cardinality(offsets)] <> n - 2 THEN offsets := offsets || (n - 2); END IF;
  exact := cardinality(offsets) <= 6;
  IF NOT exact THEN offsets := offsets[1:5] || (n - 2); END IF;
  FOR i IN 1 .. cardinality(offsets) LOOP
    tables := tables || CASE WHEN i > 1 THEN ', ' ELSE '' END || format('subject_name_pairs p%s', i);
    conditions := conditions || format(' AND p%s.pair = %L', i, substr(kw, offsets[i] + 1, 2));
    IF i > 1 THEN
      conditions := conditions || format(' AND p%1$s.subject_id = p1.subject_id AND p%1$s.pos = p1.pos + %2$s', i, offsets[i]);
    END IF;
  END LOOP;
  IF exact THEN
    RETURN QUERY EXECUTE format(
      'SELECT DISTINCT ON (p1.subject_id) p1.subject_id, p1.pos::integer, p1.name_length::integer
         FROM %s WHERE p1.kind = ANY (%L::subject_kind[])%s
        ORDER BY p1.subject_id, p1.pos LIMIT %s', tables, kinds, conditions, cap);
  ELSE
    RETURN QUERY EXECUTE format(
      'SELECT DISTINCT ON (p1.subject_id) p1.subject_id, strpos(lower(s.name), %L), p1.name_length::integer
         FROM %s, subjects s WHERE p1.kind = ANY (%L::subject_kind[])%s
          AND s.id = p1.subject_id AND strpos(lower(s.name), %L) > 0
        ORDER BY p1.subject_id LIMIT %s', kw, tables, kinds, conditions, kw, cap);
  END IF;
END $$;
