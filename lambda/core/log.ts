/**
 * Structured JSON logs, one object per line. Callers pass only the fields they choose:
 * whole events, requests and property bags are never logged, and free text goes through `redact`.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export function log(level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const line = { level, message: redact(message), ...redactFields(fields) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Long digit runs (phone numbers, with or without "+") are masked in any free text. */
export function redact(text: string): string {
  return text.replace(/\+?\d[\d ()-]{5,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length < 7 ? m : `${m.slice(0, 3)}***${m.slice(-2)}`;
  });
}

function redactFields(fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
}
