import { ApiError, describeApiError, errorCodeOf, isRetryable } from '../../../lambda/core';

const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });

test.each([
  ['ThrottlingException', 429],
  ['LimitExceededException', 429],
  ['ThrottledClientException', 429],
  ['ResourceConflictException', 409],
  ['InternalServiceException', 500],
  ['ServiceUnavailableException', 503],
])('%s (%d) is retried', (name, status) => {
  expect(isRetryable(sdkError(name, status))).toBe(true);
});

test.each([
  ['InvalidRequestException', 400],
  ['InvalidParameterException', 400],
  ['BadRequestException', 400],
  ['AccessDeniedException', 403],
  ['ResourceNotFoundException', 404],
  ['ContactNotFoundException', 410],
])('%s (%d) fails at once', (name, status) => {
  expect(isRetryable(sdkError(name, status))).toBe(false);
});

test('a transient error the SDK wrapped (thrown from another realm) is still told by its name, and retried', () => {
  const wrapped = new Error('AWS SDK error wrapper for TimeoutError: socket hang up');
  expect(errorCodeOf(wrapped)).toBe('TimeoutError');
  expect(isRetryable(wrapped)).toBe(true);
  expect(isRetryable(new Error('AWS SDK error wrapper for ValidationException: bad'))).toBe(false);
});

test('a reset connection is retried', () => {
  expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
});

test('a body the SDK could not parse is retried', () => {
  expect(isRetryable(new Error('Deserialization error: to see the raw response, inspect the hidden field'))).toBe(true);
});

test('reasons read <Operation> failed: <ErrorCode>: <message>, with phone numbers masked', () => {
  expect(describeApiError('StartOutboundVoiceContact', sdkError('DestinationNotAllowedException', 403, { message: 'Destination +12065550100 is not allowed' })))
    .toBe('StartOutboundVoiceContact failed: DestinationNotAllowedException: Destination +12*******00 is not allowed');
});

test('an ApiError keeps the code for the kind to inspect', () => {
  const err = ApiError.from('DeleteProfileObjectType', sdkError('ResourceNotFoundException', 404));
  expect(err).toMatchObject({ code: 'ResourceNotFoundException', httpStatus: 404, message: 'DeleteProfileObjectType failed: ResourceNotFoundException: ResourceNotFoundException happened' });
});
