import * as http from 'http';
import * as https from 'https';
import { log } from './log';
import { sleep } from './retry';

/** The CloudFormation custom resource request (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html). */
export interface CfnEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string | number | boolean>;
}

/** CloudFormation rejects a response body over 4,096 bytes, and the stack then waits for the service timeout. */
export const MAX_RESPONSE_BYTES = 4096;
const MAX_REASON_CHARS = 1000;

/** The body CloudFormation receives, cut to fit its limit: a long reason is shortened, oversized attributes fail the request. */
export function renderResponse(event: CfnEvent, response: CfnResponse): string {
  const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  const reason = response.Reason && response.Reason.length > MAX_REASON_CHARS ? `${response.Reason.slice(0, MAX_REASON_CHARS - 3)}...` : response.Reason;
  const body = JSON.stringify({ ...base, ...response, Reason: reason });
  if (Buffer.byteLength(body) <= MAX_RESPONSE_BYTES) return body;
  return JSON.stringify({
    ...base,
    Status: 'FAILED',
    PhysicalResourceId: response.PhysicalResourceId,
    Reason: `the response would exceed CloudFormation's ${MAX_RESPONSE_BYTES}-byte limit (${Buffer.byteLength(body)} bytes); no attributes were returned`,
  });
}

/** PUTs the response to the pre-signed URL, retrying transport failures a few times. */
export async function sendResponse(event: CfnEvent, response: CfnResponse, attempts = 5): Promise<void> {
  const body = renderResponse(event, response);
  for (let attempt = 1; ; attempt++) {
    try {
      await put(event.ResponseURL, body);
      log('info', 'response sent', { status: response.Status, physicalResourceId: response.PhysicalResourceId });
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      log('warn', 'response not delivered, retrying', { attempt, error: (err as Error).message });
      await sleep(200 * 2 ** attempt);
    }
  }
}

function put(url: string, body: string): Promise<void> {
  const target = new URL(url);
  const transport = target.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      timeout: 10_000,
    }, (res) => {
      res.resume();
      if (res.statusCode && res.statusCode < 300) resolve();
      else reject(new Error(`response URL answered HTTP ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error('response URL timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
