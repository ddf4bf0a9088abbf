// Writes a migration with the SQL that brings a database migrated to the current head in line with the entities:
//   npm run migration:generate -- <name>
// It migrates a scratch database (DATABASE_URL's server, or the local PostgreSQL) and asks TypeORM's schema builder
// for the difference. Review the file before committing it.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { createDataSource, migrate } = require('../dist/libs/database/src/index.js');
const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9]/g, '');
if (!name) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const scratch = `migration_scratch_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratch}`);
const url = new URL(serverUrl);
url.pathname = `/${scratch}`;
const ds = createDataSource(url.toString(), 2);
try {
  await ds.initialize();
  await migrate(ds);
  const sql = await ds.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('entities and migrations agree: nothing to generate');
  } else {
    const ts = Date.now();
    const q = (list) => list.map((x) => `    await queryRunner.query(${JSON.stringify(x.query)});`).join('\n');
    const cls = `${name}${ts}`;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${q(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${q(sql.downQueries.slice().reverse())}
  }
}
`;
    const file = path.resolve('libs/database/src/migrations', `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
    writeFileSync(file, body);
    // Register it in the ordered list of migrations.
    const indexFile = path.resolve('libs/database/src/migrations/index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/(\n\n\/\*\*)/, `\nimport { ${cls} } from './${path.basename(file, '.ts')}';$1`)
      .replace(/\];\s*$/, `, ${cls}];\n`);
    writeFileSync(indexFile, index);
    console.log(`wrote ${file} and registered ${cls} in libs/database/src/migrations/index.ts`);
  }
} finally {
  await ds.destroy().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
  await admin.end();
}
