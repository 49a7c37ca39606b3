ALTER TABLE "catalog_versions" ADD COLUMN "published_by" text;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "approval" jsonb;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD COLUMN "consultation" jsonb;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_published_by_agencies_code_fk" FOREIGN KEY ("published_by") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_publisher_has_approval" CHECK ("catalog_versions"."published_by" IS NULL OR "catalog_versions"."approval" IS NOT NULL);--> statement-breakpoint
-- Who published a version, and its approval and consultation records, are part of what was
-- published: frozen with the rest once the version leaves DRAFT (0001_integrity_guards.sql).
CREATE OR REPLACE FUNCTION catalog_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN
      RAISE EXCEPTION 'CATALOG_IMMUTABLE: catalog version % is % and cannot be deleted', OLD.id, OLD.status
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'DRAFT' AND (NEW.definition IS DISTINCT FROM OLD.definition
      OR NEW.source_hash IS DISTINCT FROM OLD.source_hash OR NEW.kind IS DISTINCT FROM OLD.kind
      OR NEW.title IS DISTINCT FROM OLD.title OR NEW.edition IS DISTINCT FROM OLD.edition
      OR NEW.published_by IS DISTINCT FROM OLD.published_by OR NEW.approval IS DISTINCT FROM OLD.approval
      OR NEW.consultation IS DISTINCT FROM OLD.consultation) THEN
    RAISE EXCEPTION 'CATALOG_IMMUTABLE: catalog version % is % and cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT ((OLD.status = NEW.status)
       OR (OLD.status = 'DRAFT' AND NEW.status = 'PUBLISHED')
       OR (OLD.status = 'PUBLISHED' AND NEW.status = 'RETIRED')) THEN
    RAISE EXCEPTION 'CATALOG_TRANSITION: catalog version % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
