import { isIsoCountryCode } from './country-code';

describe('ISO 3166-1 alpha-2 country code', () => {
  it.each(['CN', 'US', 'DE', 'HK', 'MO', 'TW', 'SS', 'BQ', 'CW', 'SX', 'AX', 'ZW'])('accepts %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(true);
  });

  it.each([
    ['cn', 'lowercase'],
    ['Cn', 'mixed case'],
    ['CHN', 'alpha-3'],
    ['156', 'numeric'],
    ['UK', 'reserved, not assigned (GB is the code)'],
    ['EU', 'reserved for the European Union'],
    ['AN', 'withdrawn Netherlands Antilles'],
    ['XK', 'user-assigned, not in the standard'],
    ['ZZ', 'user-assigned'],
    [' CN', 'a leading space'],
    ['', 'empty'],
  ])('rejects %j: %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(false);
  });
});
