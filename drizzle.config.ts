import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema and reviewed like code; the same files are
// applied by src/db/migrate.ts on PGlite and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
