import { bool, decode, DecodeError, int, list, map, str, struct } from '../../src/private/rules/schema';

const schema = struct({ Name: str, Count: int, On: bool, Items: list(struct({ N: int }, ['N'])), Tags: map(str) }, ['Name']);

test('turns CloudFormation strings back into numbers and booleans', () => {
  expect(decode(schema, { Name: 'a', Count: '3', On: 'false', Items: [{ N: '7' }], Tags: { k: 'v' } }, '')).toEqual({
    Name: 'a', Count: 3, On: false, Items: [{ N: 7 }], Tags: { k: 'v' },
  });
});

test('keeps values that already have the right type', () => {
  expect(decode(schema, { Name: 'a', Count: 3, On: true }, '')).toEqual({ Name: 'a', Count: 3, On: true });
});

test.each([
  [{ Name: 'a', Count: '3.5' }, 'Count', 'must be an integer'],
  [{ Name: 'a', Count: '' }, 'Count', 'must be an integer'],
  [{ Name: 'a', Count: '0x10' }, 'Count', 'must be an integer'],
  [{ Name: 'a', Count: '1e3' }, 'Count', 'must be an integer'],
  [{ Name: 'a', Count: ' 7' }, 'Count', 'must be an integer'],
  [{ Name: 'a', On: 'yes' }, 'On', 'must be true or false'],
  [{ Name: 'a', Items: 'x' }, 'Items', 'must be a list'],
  [{ Name: 'a', Items: [{}] }, 'Items[0].N', 'is required'],
  [{ Name: 'a', Other: 1 }, 'Other', 'is not a known property'],
  [{ Count: 1 }, 'Name', 'is required'],
  [{ Name: ['a'] }, 'Name', 'must be a string'],
])('rejects %j at %s', (value, path, rule) => {
  expect(() => decode(schema, value, '')).toThrow(new DecodeError(path, rule));
});

test('unknown members can be reported and dropped instead of rejected, at any depth', () => {
  const seen: string[] = [];
  const decoded = decode(schema, { Name: 'a', Colour: 'blue', Items: [{ N: '1', Extra: true }] }, '', (path) => seen.push(path));
  expect(decoded).toEqual({ Name: 'a', Items: [{ N: 1 }] });
  expect(seen).toEqual(['Colour', 'Items[0].Extra']);
});
