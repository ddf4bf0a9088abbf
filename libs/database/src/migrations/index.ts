import { Init1795621346390 } from './1795621346390-init';

/** Every migration, in order. `npm run migration:generate -- <Name>` writes new ones; add them here. */
export const MIGRATIONS = [Init1795621346390];
