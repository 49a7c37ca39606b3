/** AgencyRepo: the only code that reads the agencies table. */
import type { Queryable } from '../../db/database';
import { agencies } from '../../db/schema';

export type AgencyRow = typeof agencies.$inferSelect;

export class AgencyRepo {
  constructor(private readonly db: Queryable) {}

  all(): Promise<AgencyRow[]> {
    return this.db.select().from(agencies);
  }
}
