import { mask } from '../../src/private/rules/violations';

/**
 * Structured JSON logs, one object per line. Callers pass only the fields they choose:
 * whole events, requests and property bags are never logged, and free text goes through `redact`.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export function log(level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const line = { level, message: redact(message), ...redactFields(fields) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * Phone numbers in free text are masked: 7 to 15 digits after a "+" wherever they stand (no ARN or ID holds a "+",
 * so "number:+12065550100" is masked too), and a standalone run of 7 to 15 digits without it.
 * Digits inside ARNs, UUIDs and IDs (joined to letters, ":", "/" or "-") are left readable.
 */
export function redact(text: string): string {
  return text.replace(/\+\d{7,15}(?!\d)|(?<![\w:/.+-])\d{7,15}(?![\w-])/g, mask);
}

function redactFields(fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
}
