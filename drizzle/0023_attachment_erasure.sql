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
ALTER TABLE "attachments" ADD CONSTRAINT "attachment_size_capped" CHECK ("attachments"."size" > 0 AND "attachments"."size" <= 5242880 AND ("attachments"."content" IS NULL OR octet_length("attachments"."content") = "attachments"."size"));