-- The purge erases an attachment's content and file name once the record its case (objection,
-- repair application, or either about a list entry) is about loses its personal data, and keeps
-- the row as a tombstone (src/db/schema/attachments.ts says why). content and file_name become
-- nullable; content_erased_at says when they went. A row is held whole or erased whole
-- (attachment_held_or_erased), and the size check reads the content only while there is one.
ALTER TABLE "attachments" DROP CONSTRAINT "attachment_size_capped";--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "file_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "content_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachment_held_or_erased" CHECK (("attachments"."content_erased_at" IS NULL AND "attachments"."content" IS NOT NULL AND "attachments"."file_name" IS NOT NULL)
      OR ("attachments"."content_erased_at" IS NOT NULL AND "attachments"."content" IS NULL AND "attachments"."file_name" IS NULL));--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachment_size_capped" CHECK ("attachments"."size" > 0 AND "attachments"."size" <= 5242880 AND ("attachments"."content" IS NULL OR octet_length("attachments"."content") = "attachments"."size"));--> statement-breakpoint
-- Migration 0022 fixed every column of an attachment. The purge's erasure is the one change an
-- attachment may then undergo, once: HELD → ERASED, writing content and file_name (to NULL, as
-- attachment_held_or_erased requires) and content_erased_at; the case, type, size, SHA-256 and
-- upload time (the receipt) stay, and an erased file never comes back.
CREATE OR REPLACE FUNCTION attachments_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('attachments', to_jsonb(OLD), to_jsonb(NEW), NULL,
    CASE WHEN OLD.content_erased_at IS NULL THEN 'HELD' ELSE 'ERASED' END,
    CASE WHEN NEW.content_erased_at IS NULL THEN 'HELD' ELSE 'ERASED' END,
    ARRAY['HELD>ERASED'],
    '{"ERASED": ["content", "file_name", "content_erased_at"]}',
    'a file''s SHA-256 receipt, size, type and the case it belongs to never change; its content and name are only erased, once, by the purge');
  RETURN NEW;
END $$;
