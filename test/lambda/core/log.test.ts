import { log, redact } from '../../../lambda/core';
import { captureStdout } from '../../support/cloudformation';

test.each([
  ['call +12065550100 now', 'call +12*******00 now'],
  ['12065550100', '120******00'],
  ['numbers +441632960961 and +12065550199', 'numbers +44********61 and +12*******99'],
])('masks phone numbers: %s', (input, expected) => {
  expect(redact(input)).toBe(expected);
});

test.each([
  'arn:aws:cloudformation:us-east-1:123456789012:stack/S/5b1c2f60-0000-11ef-8000-0a1b2c3d4e5f',
  'request 9f1c2a34-1111-2222-3333-444455556666',
  'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555',
  'took 1234 ms',
])('leaves ARNs, UUIDs and small numbers readable: %s', (text) => {
  expect(redact(text)).toBe(text);
});

test('writes one JSON object per line, masking string fields', async () => {
  const out = await captureStdout(async () => log('warn', 'retrying', { attempt: 2, destination: '+12065550100' }));
  expect(JSON.parse(out)).toEqual({ level: 'warn', message: 'retrying', attempt: 2, destination: '+12*******00' });
});
