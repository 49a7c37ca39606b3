CREATE TYPE "public"."publication_end_source" AS ENUM('STATED', 'COMPUTED');--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "publish_until_source" "publication_end_source" DEFAULT 'COMPUTED' NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "leniency_document" jsonb;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "act_date" date;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD COLUMN "statutory_reference" jsonb;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "record_stated_end_has_date" CHECK ("credit_records"."publish_until_source" <> 'STATED' OR "credit_records"."publish_until" IS NOT NULL);