import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseDown } from './problem.filter';

// Found by the fault suite (R2, a fast shutdown of PostgreSQL mid-load): requests whose transaction lost its
// connection were answered 500 instead of 503.
describe('isDatabaseDown', () => {
  it('a transaction whose connection the server ended (TypeORM released its query runner) is the database being down', () => {
    expect(isDatabaseDown(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseDown(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('the server refusing, ending or restarting connections is the database being down', () => {
    expect(isDatabaseDown(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    const terminated = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    expect(isDatabaseDown(terminated)).toBe(true);
    expect(isDatabaseDown(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('a query the database refused for what it says is not', () => {
    const unique = new QueryFailedError('INSERT …', [], Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    expect(isDatabaseDown(unique)).toBe(false);
    expect(isDatabaseDown(new Error('something else'))).toBe(false);
    expect(isDatabaseDown(null)).toBe(false);
  });
});
