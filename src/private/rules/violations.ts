/**
 * Validation results shared by the synth-time checks (constructs) and the deploy-time checks (handlers).
 */

/** One broken rule. `path` uses the API's member names, e.g. `TelephonyConfig.Distributions[1].Percentage`. */
export interface Violation {
  readonly path: string;
  readonly rule: string;
  /** The offending value, already masked when it may be personal data. */
  readonly value?: unknown;
}

/**
 * Tells whether a value is not known yet (a CDK token at synth). The handler passes `() => false`:
 * by deploy time every token has been resolved.
 */
export type IsUnresolved = (value: unknown) => boolean;

export const RESOLVED: IsUnresolved = () => false;

/** `TelephonyConfig.Distributions[1].Percentage` → `telephonyConfig.distributions[1].percentage`, the construct's prop names. */
export function propPath(apiPath: string): string {
  return apiPath.replace(/(^|\.)([A-Z])/g, (_m, dot: string, first: string) => dot + first.toLowerCase());
}

/** `<prop>: <rule>, got <value>`: the shape of every validation message. */
export function describeViolation(v: Violation): string {
  const got = v.value === undefined ? '' : `, got ${render(v.value)}`;
  return `${propPath(v.path)}: ${v.rule}${got}`;
}

function render(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Masks personal data such as a phone number: keeps the first 3 and last 2 characters,
 * so that an operator can still tell two numbers apart in a log.
 */
export function mask(value: string): string {
  if (value.length <= 5) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
}

/** Collects violations with small, declarative checks. Values that are unresolved are skipped. */
export class Checker {
  public readonly violations: Violation[] = [];

  constructor(public readonly isUnresolved: IsUnresolved) {}

  /** True when the value is known and can be checked; it is then typed as defined. */
  public known<T>(value: T): value is Exclude<T, undefined> {
    return value !== undefined && !this.isUnresolved(value);
  }

  public fail(path: string, rule: string, value?: unknown): void {
    this.violations.push({ path, rule, value });
  }

  public pattern(path: string, value: string | undefined, re: RegExp, rule: string): void {
    if (this.known(value) && !re.test(value)) this.fail(path, rule, value);
  }

  public length(path: string, value: string | undefined, min: number, max: number): void {
    if (!this.known(value)) return;
    const len = value.length;
    if (len < min || len > max) this.fail(path, `must be ${min} to ${max} characters long`, value);
  }

  /** Like `length`, for a text flagged sensitive in the model: the message gives its length, never the text. */
  public sensitiveLength(path: string, value: string | undefined, min: number, max: number): void {
    if (!this.known(value)) return;
    const len = value.length;
    if (len < min || len > max) this.fail(path, min === 0 ? `must be at most ${max} characters long` : `must be ${min} to ${max} characters long`, `${len} characters`);
  }

  public integer(path: string, value: number | undefined, min: number, max: number, step = 1): void {
    if (!this.known(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}`, value);
    } else if ((value - min) % step !== 0) {
      this.fail(path, `must be a multiple of ${step}`, value);
    }
  }

  public unique(path: string, values: readonly unknown[], what: string): void {
    const seen = new Set<unknown>();
    values.forEach((v, i) => {
      if (!this.known(v)) return;
      if (seen.has(v)) this.fail(`${path}[${i}]`, `${what} must be unique`, v);
      seen.add(v);
    });
  }
}
