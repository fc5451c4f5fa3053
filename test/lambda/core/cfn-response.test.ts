import * as http from 'http';
import { AddressInfo } from 'net';
import { CfnEvent, MAX_RESPONSE_BYTES, renderResponse, sendResponse } from '../../../lambda/core';
import { captureStdout } from '../../support/cloudformation';

const event = (url = 'https://example.invalid/x'): CfnEvent => ({
  RequestType: 'Create',
  ResponseURL: url,
  StackId: 'stack',
  RequestId: 'req',
  ResourceType: 'Custom::X',
  LogicalResourceId: 'L',
  ResourceProperties: {},
});

test('a long reason is shortened to fit', () => {
  const body = JSON.parse(renderResponse(event(), { Status: 'FAILED', PhysicalResourceId: 'p', Reason: 'x'.repeat(5000) }));
  expect(body.Reason).toHaveLength(1000);
  expect(body.Reason.endsWith('...')).toBe(true);
});

test('attributes that would exceed the 4 KB limit turn the response into a clear FAILED', () => {
  const text = renderResponse(event(), { Status: 'SUCCESS', PhysicalResourceId: 'p', Data: { Big: 'y'.repeat(5000) } });
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
  expect(JSON.parse(text)).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'p', Reason: expect.stringMatching(/exceed CloudFormation's 4096-byte limit/) });
});

test('a response that fits is sent as it is', () => {
  const body = JSON.parse(renderResponse(event(), { Status: 'SUCCESS', PhysicalResourceId: 'p', Data: { A: 1 } }));
  expect(body).toEqual({ StackId: 'stack', RequestId: 'req', LogicalResourceId: 'L', Status: 'SUCCESS', PhysicalResourceId: 'p', Data: { A: 1 } });
});

test('delivery is retried when the response URL fails for a moment', async () => {
  let hits = 0;
  const server = http.createServer((req, res) => { req.resume(); hits++; res.writeHead(hits < 3 ? 503 : 200).end(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
  await captureStdout(() => sendResponse(event(url), { Status: 'SUCCESS', PhysicalResourceId: 'p' }));
  expect(hits).toBe(3);
  server.close();
});

test('delivery gives up after a bounded number of attempts', async () => {
  const server = http.createServer((req, res) => { req.resume(); res.writeHead(500).end(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
  await expect(captureStdout(() => sendResponse(event(url), { Status: 'SUCCESS', PhysicalResourceId: 'p' }, 2))).rejects.toThrow('HTTP 500');
  server.close();
});
