import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Column types whose node-postgres value is what TypeORM hydrates (arrays of them too). */
const AS_PARSED = new Set(['uuid', 'text', 'varchar', 'int', 'integer', 'boolean', 'timestamptz', 'jsonb']);

/**
 * Turns rows of `SELECT <alias>.*` into entities of `target` without the query builder: each column's value as
 * node-postgres parsed it (uuid and text as strings, int, boolean, timestamptz as Date, jsonb parsed, text[] as an
 * array) under the entity's property name. For entities whose columns all map one to one (no embedded columns, no
 * transformers, only the types above); `rowMapper` refuses others when it is made, not when a row comes.
 */
export function rowMapper<T extends ObjectLiteral>(ds: DataSource, target: EntityTarget<T>): (row: Record<string, unknown>) => T {
  const meta = ds.getMetadata(target);
  const pairs = meta.columns.map((c) => {
    if (c.embeddedMetadata || c.transformer || c.propertyPath !== c.propertyName || !AS_PARSED.has(String(c.type))) {
      // A `date` column, for one, comes from node-postgres as a Date where TypeORM gives 'YYYY-MM-DD'.
      throw new Error(`rowMapper: ${meta.name}.${c.propertyPath} (${String(c.type)}) is not a column node-postgres parses as TypeORM does`);
    }
    return [c.databaseName, c.propertyName] as const;
  });
  return (row) => {
    const entity = meta.create() as T;
    for (const [column, property] of pairs) (entity as Record<string, unknown>)[property] = row[column];
    return entity;
  };
}
