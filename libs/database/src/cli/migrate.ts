/**
 * `npm run migration:run`: applies the pending migrations to the database of `DATABASE_OWNER_URL` (else
 * `DATABASE_URL`) and exits, for deployments that migrate before starting the API and the worker (the main command
 * also migrates at start; running both is harmless: migrations take a session lock and skip what has run).
 */
import { createDataSource, migrate } from '../data-source';

async function main(): Promise<void> {
  // Only the database is needed here, not the rest of the configuration the API checks at start.
  const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_OWNER_URL or DATABASE_URL must be set (the embedded database of `npm start` is migrated by `npm start`).');
    process.exit(2);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error(`${process.env.DATABASE_OWNER_URL ? 'DATABASE_OWNER_URL' : 'DATABASE_URL'} must be a postgres:// URL`);
    process.exit(2);
  }
  // Two connections: `migrate` holds its lock on one while the migrations run on the other.
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const ran = await migrate(ds);
    console.log(ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'no pending migrations');
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
