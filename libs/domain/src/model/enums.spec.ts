import { ACCEPTABLE_ROUTES, ROUTES, isPatentType } from './enums';

describe('contract enums', () => {
  it('every acceptable route is a route', () => {
    for (const r of ACCEPTABLE_ROUTES) expect(ROUTES).toContain(r);
  });
  it('recognises the three patent types and nothing else', () => {
    expect(isPatentType('design_patent')).toBe(true);
    expect(isPatentType('trademark')).toBe(false);
  });
});
