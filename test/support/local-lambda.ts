/**
 * Lambda's asynchronous invoke, locally: the fake of `Invoke` (InvocationType Event) answers 202 at once and runs the
 * named function's handler afterwards, in this process, as Lambda would run a new invocation with a fresh timeout.
 * The CloudFormation stand-in waits for every such invocation to end (`settled`) before it counts the responses,
 * so that a wait continued across invocations still has to answer exactly once.
 */
import { OperationFake, ServiceError } from './aws-endpoint';

type Handler = (event: any, context: { getRemainingTimeInMillis(): number }) => Promise<void>;

const inFlight = new Set<Promise<void>>();

/** Resolves once no asynchronous invocation is running, including those started while waiting. */
export async function settled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** The name the handlers find in AWS_LAMBDA_FUNCTION_NAME under test (useLocalAws sets it). */
export const LOCAL_FUNCTION_NAME = 'ccr-local-handler';

export class LocalLambda {
  /** What each invocation of a function may run for, like its configured timeout. */
  public timeoutMs = 60_000;
  /** Every asynchronous invocation, in order: the continuations of a wait. */
  public readonly invocations: Array<{ readonly functionName: string; readonly event: any; readonly at: number }> = [];
  /** Handlers that threw: Lambda would log them and, with retries off, drop the event. */
  public readonly crashes: unknown[] = [];
  private readonly functions = new Map<string, () => Handler>();

  /** `load` is called at the first invocation: a handler module builds its clients when loaded. */
  public register(functionName: string, load: () => Handler): void {
    this.functions.set(functionName, load);
  }

  public reset(): void {
    this.invocations.length = 0;
    this.crashes.length = 0;
  }

  public get fakes(): Record<string, OperationFake> {
    return {
      Invoke: (input) => {
        const name = String(input.FunctionName).split(':').pop()!;
        const load = this.functions.get(String(input.FunctionName)) ?? this.functions.get(name);
        if (!load) throw new ServiceError('ResourceNotFoundException', `Function not found: ${input.FunctionName}`);
        if (input.InvocationType !== 'Event') throw new ServiceError('InvalidParameterValueException', 'the local Lambda serves asynchronous invocations only');
        const event = JSON.parse(input.Payload);
        this.invocations.push({ functionName: name, event, at: Date.now() });
        const timeoutMs = this.timeoutMs;
        // After the 202 has gone out, as Lambda queues the event and runs it later.
        const run = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          const started = Date.now();
          await load()(event, { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) });
        }).catch((err) => void this.crashes.push(err));
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
        return { StatusCode: 202 };
      },
    };
  }
}
