-- Row-level security: PostgreSQL's own tenant wall, behind the repositories' tenant filters (issue #9).
-- Every table with a tenant_id column has RLS enabled and FORCED (the owner is bound too) and one policy:
-- a row is visible and writable only when its tenant_id is the transaction's app.tenant_id, which the store
-- sets with set_config(..., true) at the start of every transaction. Unset, it matches nothing.
CREATE OR REPLACE FUNCTION office_protect_tenant_tables() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  added integer := 0;
BEGIN
  FOR r IN
    SELECT c.relname AS name
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', r.name);
    IF NOT EXISTS (
      SELECT 1 FROM pg_policies
      WHERE schemaname = current_schema() AND tablename = r.name AND policyname = 'tenant_wall'
    ) THEN
      EXECUTE format(
        'CREATE POLICY tenant_wall ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) '
        'WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
        r.name
      );
      added := added + 1;
    END IF;
  END LOOP;
  RETURN added;
END
$$;
--> statement-breakpoint
SELECT office_protect_tenant_tables();
--> statement-breakpoint
-- The tenants table is keyed by id: a tenant sees and changes its own row only.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_wall ON "tenants"
  USING (id = current_setting('app.tenant_id', true))
  WITH CHECK (id = current_setting('app.tenant_id', true));
--> statement-breakpoint
-- The system scope (store/scope.ts asSystem) may only read the tenant registry and resolve a token to its
-- tenant; it never sees a tenant's records and never writes.
CREATE POLICY system_lookup ON "tenants" FOR SELECT USING (current_setting('app.scope', true) = 'system');
--> statement-breakpoint
CREATE POLICY system_lookup ON "tokens" FOR SELECT USING (current_setting('app.scope', true) = 'system');
--> statement-breakpoint
-- ARCHITECTURE §3.6: no code path updates or deletes audit rows or approval decisions; the database refuses too.
CREATE OR REPLACE FUNCTION office_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION office_refuse_change();
--> statement-breakpoint
CREATE TRIGGER approval_decisions_immutable BEFORE UPDATE OR DELETE ON "approval_decisions"
  FOR EACH ROW EXECUTE FUNCTION office_refuse_change();
