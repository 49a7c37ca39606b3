-- Guards the database holds itself, so that no code path (an import script, a psql session,
-- a future bug) can create the states the law forbids. Error messages start with the API's
-- error code so that the application can map them without parsing prose.

-- The access log is append-only (49号 七(十三): protection against tampering).
CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AUDIT_APPEND_ONLY: access_log rows cannot be updated, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint

-- Nothing outside a published catalog can be recorded (49号 二(一)). Checked when a record
-- is created or moved to another item; a later retirement of the version does not touch
-- records made under it ("records keep the version they were made under").
CREATE FUNCTION credit_records_require_published_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_status catalog_status;
  v_kind catalog_kind;
BEGIN
  SELECT v.status, v.kind INTO v_status, v_kind
    FROM catalog_items i JOIN catalog_versions v ON v.id = i.version_id
   WHERE i.id = NEW.catalog_item_id;
  IF v_status IS DISTINCT FROM 'PUBLISHED' OR v_kind = 'MEASURE_LIST' THEN
    RAISE EXCEPTION 'NOT_IN_CATALOG: catalog item % is not in a published catalog (status %)',
      NEW.catalog_item_id, coalesce(v_status::text, 'unknown')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_records_published_item BEFORE INSERT OR UPDATE OF catalog_item_id ON credit_records
  FOR EACH ROW EXECUTE FUNCTION credit_records_require_published_item();
--> statement-breakpoint

-- Measures are applied only from a published measures list (49号 五(九): 清单制).
CREATE FUNCTION measure_applications_require_published_measure() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_status catalog_status;
BEGIN
  SELECT v.status INTO v_status
    FROM punishment_measures m JOIN catalog_versions v ON v.id = m.list_version_id
   WHERE m.id = NEW.measure_id;
  IF v_status IS DISTINCT FROM 'PUBLISHED' THEN
    RAISE EXCEPTION 'MEASURE_NOT_IN_LIST: measure % is not in a published measures list', NEW.measure_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_applications_published_measure BEFORE INSERT OR UPDATE OF measure_id ON measure_applications
  FOR EACH ROW EXECUTE FUNCTION measure_applications_require_published_measure();
--> statement-breakpoint

-- A catalog version moves DRAFT → PUBLISHED → RETIRED only, and a published or retired
-- version's content never changes: publish a new version instead.
CREATE FUNCTION catalog_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
      OR NEW.title IS DISTINCT FROM OLD.title OR NEW.edition IS DISTINCT FROM OLD.edition) THEN
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
--> statement-breakpoint
CREATE TRIGGER catalog_versions_guard BEFORE UPDATE OR DELETE ON catalog_versions
  FOR EACH ROW EXECUTE FUNCTION catalog_versions_guard();
--> statement-breakpoint

-- Items and measures belong to their version: frozen once it leaves DRAFT.
CREATE FUNCTION catalog_content_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_version text;
  v_status catalog_status;
BEGIN
  IF TG_TABLE_NAME = 'catalog_items' THEN
    v_version := CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
  ELSE
    v_version := CASE WHEN TG_OP = 'INSERT' THEN NEW.list_version_id ELSE OLD.list_version_id END;
  END IF;
  SELECT status INTO v_status FROM catalog_versions WHERE id = v_version;
  IF v_status IS DISTINCT FROM 'DRAFT' THEN
    RAISE EXCEPTION 'CATALOG_IMMUTABLE: catalog version % is % and its content cannot change', v_version, v_status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER catalog_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON catalog_items
  FOR EACH ROW EXECUTE FUNCTION catalog_content_frozen();
--> statement-breakpoint
CREATE TRIGGER punishment_measures_frozen BEFORE INSERT OR UPDATE OR DELETE ON punishment_measures
  FOR EACH ROW EXECUTE FUNCTION catalog_content_frozen();
