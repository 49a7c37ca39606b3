-- Name search by character pairs (bigrams) instead of trigrams: a Chinese keyword is most
-- often two characters, which pg_trgm cannot extract from '%keyword%', so a search for
-- 钢铁 or 南京 read the whole table. Every pair of adjacent characters of the lower-cased
-- name goes into a GIN-indexed array; a keyword matches only names that hold all of its
-- pairs (then ILIKE rechecks the exact substring). Locale-independent: it works the same on
-- PostgreSQL in any locale and on PGlite.
CREATE OR REPLACE FUNCTION subject_name_grams(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
        FROM generate_series(1, char_length(name) - 1) AS i $$;--> statement-breakpoint
DROP INDEX "subjects_name_trgm";--> statement-breakpoint
CREATE INDEX "subjects_name_grams" ON "subjects" USING gin (subject_name_grams("name"));
