/**
 * A local AWS endpoint for handler tests. The real SDK v3 clients talk HTTP to it (AWS_ENDPOINT_URL).
 * It routes each request by its SigV4 signing name and the model's method and URI, checks the request
 * against the official model extract, runs a stateful fake of the operation, checks the fake's output
 * against the model too, and serializes it the way rest-json does. Faults and rate limits can be injected.
 * Every Region is served: a fake learns the Region each request was signed for (`RequestContext`), so that it
 * can keep the state of an instance and of its replica apart, and refuse a call made in the wrong Region.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { check, checkStructure, ModelNode } from './model-check';

export interface OperationModel {
  readonly method: string;
  readonly uri: string;
  readonly successStatus: number;
  readonly input: ModelNode;
  readonly output: ModelNode;
  readonly errors: Record<string, number>;
}

export interface ServiceModel {
  readonly service: string;
  readonly signingName: string;
  readonly operations: Record<string, OperationModel>;
}

export function loadModel(service: 'connect' | 'customer-profiles' | 'chime-sdk-voice' | 'lambda'): ServiceModel {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'models', `${service}.json`), 'utf-8'));
}

/** A modelled service error, answered with its HTTP status and `x-amzn-errortype`. */
export class ServiceError extends Error {
  constructor(public readonly code: string, message: string, public readonly status?: number) {
    super(message);
  }
}

/** What a fake knows of a request besides its input. */
export interface RequestContext {
  /** The Region the request was signed for: the client's Region. */
  readonly region: string;
}

export type OperationFake = (input: Record<string, any>, request: RequestContext) => unknown;

export interface Fault {
  /** Answer with this status and error code instead of running the fake. */
  readonly status?: number;
  readonly code?: string;
  /** Wait this long before answering (the fake still runs unless another fault is set). */
  readonly delayMs?: number;
  /** Answer 200 with this raw body instead of the fake's output (malformed or empty bodies). */
  readonly rawBody?: string;
  /** Drop the connection without answering. */
  readonly reset?: boolean;
}

export interface Call {
  readonly service: string;
  readonly operation: string;
  readonly input: Record<string, any>;
  readonly at: number;
  /** The Region the request was signed for. */
  readonly region: string;
}

interface Bucket { tokens: number; last: number; readonly rate: number; readonly burst: number; readonly code: string }

export class AwsEndpoint {
  public static async start(...services: Array<{ model: ServiceModel; fakes: Record<string, OperationFake> }>): Promise<AwsEndpoint> {
    const endpoint = new AwsEndpoint(services);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  /** Requests that passed the model check, in order. */
  public readonly calls: Call[] = [];
  /** Requests the model check refused, with the problems found. */
  public readonly rejected: Array<{ operation: string; problems: string[] }> = [];
  /** Outputs of the fakes that broke the model: a bug in the test support, never expected. */
  public readonly defects: string[] = [];
  private readonly server: http.Server;
  private readonly faults = new Map<string, Fault[]>();
  private readonly buckets = new Map<string, Bucket>();
  /** Injected delays still running: close() cancels them, or they would keep the test process alive after the run. */
  private readonly delays = new Set<NodeJS.Timeout>();

  private constructor(private readonly services: Array<{ model: ServiceModel; fakes: Record<string, OperationFake> }>) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks).toString('utf-8')).catch((err) => {
          this.defects.push(String(err));
          res.writeHead(500).end();
        });
      });
    });
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next calls to `operation` meet these faults, one per call, in order. */
  public inject(operation: string, ...faults: Fault[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults]);
  }

  /** Token-bucket rate limit on an operation, like the service's per-account TPS quota. */
  public rateLimit(operation: string, ratePerSecond: number, burst: number, code = 'ThrottlingException'): void {
    this.buckets.set(operation, { tokens: burst, last: Date.now(), rate: ratePerSecond, burst, code });
  }

  /** Forgets faults injected but not met yet, so that one test's leftovers never reach the next. */
  public clearFaults(): void {
    this.faults.clear();
  }

  /** Requests still held by an injected delay are dropped: never answered, their fake never runs. */
  public dropDelayed(): void {
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
  }

  public callsTo(operation: string): Call[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  public async close(): Promise<void> {
    this.dropDelayed();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const [, region = '', signingName] = /Credential=[^/]+\/[^/]+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '') ?? [];
    const url = new URL(req.url ?? '/', 'http://localhost');
    const service = this.services.find((s) => s.model.signingName === signingName);
    const match = service && findOperation(service.model, req.method ?? 'GET', url);
    if (!service || !match) {
      return send(res, 404, { 'x-amzn-errortype': 'UnknownOperationException' }, { message: `no modelled operation for ${req.method} ${url.pathname}` });
    }
    const { name, op, labels } = match;
    const { input, problems } = parseInput(op, labels, url, req.headers, body);
    if (problems.length > 0) {
      this.rejected.push({ operation: name, problems });
      return sendError(res, op, new ServiceError(validationErrorOf(op), `${name}: ${problems.join('; ')}`));
    }
    this.calls.push({ service: service.model.service, operation: name, input, at: Date.now(), region });

    const fault = this.faults.get(name)?.shift();
    if (fault?.delayMs) await this.delay(fault.delayMs);
    if (fault?.reset) return void req.socket.destroy();
    if (fault?.status) return sendError(res, op, new ServiceError(fault.code ?? 'InternalServiceException', 'injected fault', fault.status));
    if (fault?.rawBody !== undefined) return void res.writeHead(op.successStatus, { 'content-type': 'application/json' }).end(fault.rawBody);
    if (!this.takeToken(name)) return sendError(res, op, new ServiceError(this.buckets.get(name)!.code, 'Rate exceeded', 429));

    const fake = service.fakes[name];
    if (!fake) return send(res, 501, { 'x-amzn-errortype': 'NotImplemented' }, { message: `no fake for ${name}` });
    let output: Record<string, unknown>;
    try {
      output = (await fake(input, { region }) ?? {}) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ServiceError) return sendError(res, op, err);
      throw err;
    }
    const outputProblems = checkStructure(op.output, output, '', [], () => true);
    if (outputProblems.length > 0) {
      this.defects.push(`${name} output: ${outputProblems.join('; ')}`);
      return send(res, 500, { 'x-amzn-errortype': 'FakeDefect' }, { message: outputProblems.join('; ') });
    }
    const { headers, json, status = op.successStatus, raw } = serializeOutput(op.output, output);
    if (status === 204 || raw === '') return void res.writeHead(status, headers).end();
    if (raw !== undefined) return void res.writeHead(status, headers).end(raw);
    return send(res, status, headers, json);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  private takeToken(operation: string): boolean {
    const b = this.buckets.get(operation);
    if (!b) return true;
    const now = Date.now();
    b.tokens = Math.min(b.burst, b.tokens + ((now - b.last) / 1000) * b.rate);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

function findOperation(model: ServiceModel, method: string, url: URL) {
  for (const [name, op] of Object.entries(model.operations)) {
    if (op.method !== method) continue;
    const [template, query] = op.uri.split('?');
    const labels = matchPath(template, url.pathname);
    if (!labels) continue;
    // A literal query in the URI template (e.g. "?operation=x") must be present too.
    if (query && !query.split('&').every((kv) => { const [k, v] = kv.split('='); return url.searchParams.get(k) === (v ?? ''); })) continue;
    return { name, op, labels };
  }
  return undefined;
}

function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+?)(\\\+)?\}/g, (_m, label: string, greedy?: string) => {
    names.push(label);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const m = new RegExp(`^${source}$`).exec(pathname);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}

function parseInput(op: OperationModel, labels: Record<string, string>, url: URL, headers: http.IncomingHttpHeaders, body: string) {
  const problems: string[] = [];
  const input: Record<string, any> = {};
  let json: Record<string, unknown> = {};
  // A structure whose body is one member (Lambda's Invoke Payload): the body is that member, as it came.
  const payload = op.input.payload;
  if (payload) {
    if (body) input[payload] = body;
  } else if (body.trim()) {
    try {
      json = JSON.parse(body);
    } catch {
      problems.push('(body): not valid JSON');
    }
  }
  for (const [name, member] of Object.entries(op.input.members ?? {})) {
    const wire = member.locationName ?? name;
    let raw: unknown;
    if (member.location === 'uri') raw = labels[wire];
    // A list in the query string repeats its name once per item (e.g. UntagResource's tagKeys).
    else if (member.location === 'querystring' && member.type === 'list') raw = url.searchParams.has(wire) ? url.searchParams.getAll(wire) : undefined;
    else if (member.location === 'querystring') raw = url.searchParams.get(wire) ?? undefined;
    else if (member.location === 'header') raw = headers[wire.toLowerCase()];
    else continue;
    if (raw !== undefined && (member.type === 'integer' || member.type === 'long')) raw = Number(raw);
    if (raw !== undefined && member.type === 'boolean') raw = raw === 'true';
    if (raw !== undefined) input[name] = raw;
  }
  if (!payload) checkStructure(op.input, json, '', problems, (m) => !m.location);
  Object.assign(input, json);
  for (const [name, member] of Object.entries(op.input.members ?? {})) {
    if (member.location) {
      check(member, input[name], name, problems);
      if (member.required && input[name] === undefined) problems.push(`${name}: is required`);
    }
  }
  return { input, problems };
}

function serializeOutput(node: ModelNode, output: Record<string, unknown>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const json: Record<string, unknown> = {};
  let status: number | undefined;
  // A payload member is the whole body (empty when the fake gives none, as for an asynchronous Invoke).
  let raw: string | undefined = node.payload ? '' : undefined;
  for (const [name, value] of Object.entries(output)) {
    const member = node.members![name];
    if (member.location === 'header') headers[member.locationName!.toLowerCase()] = String(value);
    else if (member.location === 'statusCode') status = Number(value);
    else if (name === node.payload) raw = String(value);
    else json[member.locationName ?? name] = toWire(member, value);
  }
  return { headers, json, status, raw };
}

/** rest-json wire form: timestamps as epoch seconds unless the model says iso8601. */
function toWire(node: ModelNode, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (node.type) {
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(value as string);
      return node.timestampFormat === 'iso8601' ? date.toISOString() : date.getTime() / 1000;
    }
    case 'list':
      return (value as unknown[]).map((v) => toWire(node.member!, v));
    case 'map':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(node.value!, v)]));
    case 'structure':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(node.members![k], v)]));
    default:
      return value;
  }
}

function validationErrorOf(op: OperationModel): string {
  return ['InvalidParameterException', 'InvalidRequestException', 'BadRequestException', 'ValidationException']
    .find((code) => op.errors[code] !== undefined) ?? 'ValidationException';
}

function sendError(res: http.ServerResponse, op: OperationModel, err: ServiceError): void {
  const status = err.status ?? op.errors[err.code] ?? 400;
  send(res, status, { 'x-amzn-errortype': err.code }, { Message: err.message, message: err.message });
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, json: unknown): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }).end(body);
}
