import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from './databases.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('creates the core tables', async () => {
    const t = await createTestDatabase(dialect);
    try {
      const rows = await t.handle.db.selectFrom('reads').selectAll().execute();
      expect(rows).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
