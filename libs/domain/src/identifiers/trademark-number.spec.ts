import { checkTrademarkNumber } from './trademark-number';

describe('trademark registration number', () => {
  it.each(['1', '12345678', '00001234'])('accepts %s, a number of 1 to 8 digits', (number) => {
    expect(checkTrademarkNumber(number)).toEqual({ ok: true, value: number });
  });

  it('trims and normalises a full-width number', () => {
    expect(checkTrademarkNumber(' ３８１２６５４７\u3000')).toEqual({ ok: true, value: '38126547' });
  });

  it.each([
    ['', 'empty'],
    ['123456789', 'nine digits'],
    ['第38126547号', 'the 第…号 wording of the certificate'],
    ['3812 6547', 'an inner space'],
    ['G1234567', 'a Madrid international registration letter'],
    ['-1234', 'a sign'],
    ['1.5', 'a decimal'],
  ])('rejects %j: %s', (number) => {
    expect(checkTrademarkNumber(number)).toEqual({ ok: false, code: 'format' });
  });
});
