/**
 * SDK client settings shared by every handler. Retries belong to the core (one policy, one deadline),
 * so the SDK's own retry is off; short socket timeouts keep a stuck connection from eating the deadline.
 */
export function sdkConfig() {
  return {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
  };
}
