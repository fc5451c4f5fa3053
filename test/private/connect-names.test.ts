/** src/private/rules/connect-names.ts: Connect's IDs and Region names, on the accepted and the rejected side. */
import { checkRegion, CONNECT_ID } from '../../src/private/rules/connect-names';
import { Checker } from '../../src/private/rules/violations';

test.each([
  ['11111111-2222-3333-4444-555555555555', true],
  ['11111111-2222-3333-4444-55555555555', false],
  ['AAAAAAAA-2222-3333-4444-555555555555', false],
  ['arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555', false],
])('CONNECT_ID: %s is an ID: %s', (id, valid) => {
  expect(CONNECT_ID.test(id)).toBe(valid);
});

test.each([
  ['us-east-1', []],
  ['us-gov-west-1', []],
  ['West', ['R: must be 8 to 31 characters long', 'R: must be a Region name such as eu-west-2']],
  ['US-EAST-1', ['R: must be a Region name such as eu-west-2']],
])('checkRegion: %s', (region, failures) => {
  const c = new Checker(() => false);
  checkRegion(c, 'R', region, 'eu-west-2');
  expect(c.violations.map((v) => `${v.path}: ${v.rule}`)).toEqual(failures);
});
