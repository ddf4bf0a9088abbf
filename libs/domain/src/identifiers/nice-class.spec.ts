import { checkNiceClasses } from './nice-class';

describe('Nice classes of a trademark', () => {
  it('accepts the first and the last class', () => {
    expect(checkNiceClasses([1])).toEqual({ ok: true, value: [1] });
    expect(checkNiceClasses([45])).toEqual({ ok: true, value: [45] });
  });

  it('returns the classes sorted numerically, not as strings', () => {
    expect(checkNiceClasses([35, 5, 10, 3])).toEqual({ ok: true, value: [3, 5, 10, 35] });
  });

  it('does not reorder the caller’s array', () => {
    const input = [35, 5];
    checkNiceClasses(input);
    expect(input).toEqual([35, 5]);
  });

  it.each<[unknown, string]>([
    [[], 'an empty list'],
    [null, 'null'],
    [undefined, 'nothing'],
    [5, 'a single number instead of a list'],
    ['5', 'a string'],
  ])('requires at least one class: %j (%s)', (classes) => {
    expect(checkNiceClasses(classes)).toEqual({ ok: false, code: 'required' });
  });

  it.each<[unknown, string]>([
    [[0], 'class 0, below the first'],
    [[46], 'class 46, above the last'],
    [[5, 46], 'one valid and one above the last'],
    [[-1], 'a negative class'],
    [[2.5], 'a non-integer'],
    [[Number.NaN], 'NaN'],
    [[Number.POSITIVE_INFINITY], 'infinity'],
    [['5'], 'a numeric string'],
    [[null], 'null in the list'],
  ])('rejects %j as out of range: %s', (classes) => {
    expect(checkNiceClasses(classes)).toEqual({ ok: false, code: 'range' });
  });

  it('rejects a class given twice', () => {
    expect(checkNiceClasses([5, 35, 5])).toEqual({ ok: false, code: 'duplicate' });
  });
});
