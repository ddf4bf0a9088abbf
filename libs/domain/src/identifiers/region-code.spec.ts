import { checkRegionCode, isInCity } from './region-code';

describe('administrative division code (GB/T 2260)', () => {
  it.each([
    ['320706', '连云港市海州区'],
    ['320703', '连云港市连云区'],
    ['320700', '连云港市'],
    ['110101', '北京市东城区'],
    ['150000', 'the first province-level code range ends at 15 (内蒙古)'],
    ['460100', '海口市, 46 closes the 41–46 range'],
    ['500101', '重庆市万州区, 50 opens the 50–54 range'],
    ['540000', '西藏, 54'],
    ['650000', '新疆, 65'],
    ['710000', '台湾'],
    ['810000', '香港'],
    ['820000', '澳门'],
  ])('accepts %s (%s)', (code) => {
    expect(checkRegionCode(code)).toBe(true);
  });

  it.each([
    ['000000', 'the all-zero placeholder'],
    ['100000', 'province 10 is not assigned'],
    ['160000', 'province 16 is not assigned'],
    ['240000', 'province 24 is not assigned'],
    ['380000', 'province 38 is not assigned'],
    ['470000', 'province 47 is not assigned'],
    ['550000', 'province 55 is not assigned'],
    ['660000', 'province 66 is not assigned'],
    ['720000', 'province 72 is not assigned'],
    ['830000', 'province 83 is not assigned'],
    ['99', 'too short'],
    ['32070', 'five digits'],
    ['3207061', 'seven digits'],
    ['32070A', 'a letter'],
    [' 320706', 'a leading space'],
    ['３２０７０６', 'full-width digits'],
    ['', 'empty'],
  ])('rejects %j: %s', (code) => {
    expect(checkRegionCode(code)).toBe(false);
  });

  it('places a district of Lianyungang inside the city 3207 and one of Xuzhou outside it', () => {
    expect(isInCity('320706', '3207')).toBe(true);
    expect(isInCity('320303', '3207')).toBe(false);
  });
});
