/**
 * A policy statement's ARNs in fewer template bytes, for IAM the same list. A statement that lists every instance's
 * ARN (a small stack) repeats the same prefix in each, and `Stack.formatArn` writes each as a `Fn::Join` with the
 * partition's `Ref`. Here they become one `Fn::Split` of one `Fn::Sub`, the common prefix named once as a variable:
 *
 *     {"Fn::Split":[",",{"Fn::Sub":["${P}a,${P}b",{"P":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":chime:…:vc/"]]}}]}]}
 *
 * CloudFormation resolves it to the list of ARNs it replaces, one ARN per instance, which is what IAM sees (and
 * what IAM's size limit counts). Only ARNs made of literal text and the pseudo parameters of the stack's partition,
 * Region, account and URL suffix are merged, without a wildcard, a comma or a `$`: a token's value is not known at
 * synth and could hold the delimiter. Any other statement, and one the merge would not make smaller, is left as it is.
 */
const PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix']);
const DELIMITER = ',';
const PREFIX_VAR = 'P';
/** The variables of `withPrefixPerType`, one per shared prefix. */
const VARIABLES = 'ABCDEFGHIJKLMNOQRSTUVWXYZ'.split('');

/** The resolved ARN as a `Fn::Sub` template, or undefined when it holds anything but literal text and the pseudo parameters. */
function templateOf(arn: unknown): string | undefined {
  // No wildcard (cdk-nag acknowledges each wildcard ARN by itself), no delimiter, and no `$` to escape.
  const literal = (s: string) => (s.includes(DELIMITER) || s.includes('*') || s.includes('$') ? undefined : s);
  if (typeof arn === 'string') return literal(arn);
  const join = (arn as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join || Object.keys(arn as object).length !== 1 || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  let out = '';
  for (const part of join[1]) {
    if (typeof part === 'string') {
      const text = literal(part);
      if (text === undefined) return undefined;
      out += text;
    } else if (part && typeof part === 'object' && Object.keys(part).length === 1 && PSEUDO.has((part as { Ref?: string }).Ref ?? '')) {
      out += `\${${(part as { Ref: string }).Ref}}`;
    } else {
      return undefined;
    }
  }
  return out;
}

/** A template's text as CloudFormation would give it back: literal parts and the pseudo parameters' `Ref`s. */
function joinOf(template: string): unknown {
  const parts: unknown[] = [];
  for (const [, text, name] of template.matchAll(/([^$]*)(?:\$\{([^}]+)\})?/g)) {
    if (text) parts.push(text);
    if (name) parts.push({ Ref: name });
  }
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { 'Fn::Join': ['', parts] };
}

/** `prefix` cut back so that it does not end inside a `${…}`. */
function outsideVariables(prefix: string): string {
  const open = prefix.lastIndexOf('${');
  return open >= 0 && prefix.indexOf('}', open) < 0 ? prefix.slice(0, open) : prefix;
}

/** The longest common prefix of the templates that does not end inside a `${…}`. */
function commonPrefix(templates: string[]): string {
  let prefix = templates[0];
  for (const t of templates) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i] === t[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return outsideVariables(prefix);
}

/** One variable for the prefix all the templates share. */
function withCommonPrefix(all: string[]): unknown {
  const prefix = commonPrefix(all);
  return prefix.length > `\${${PREFIX_VAR}}`.length
    ? { 'Fn::Split': [DELIMITER, { 'Fn::Sub': [all.map((t) => `\${${PREFIX_VAR}}${t.slice(prefix.length)}`).join(DELIMITER), { [PREFIX_VAR]: joinOf(prefix) }] }] }
    : { 'Fn::Split': [DELIMITER, { 'Fn::Sub': all.join(DELIMITER) }] };
}

/**
 * One variable per resource prefix (everything up to the last `/`) that several ARNs share: the same type in two
 * Regions, say, whose common prefix ends before the Region.
 */
function withPrefixPerType(all: string[]): unknown {
  const heads = all.map((t) => outsideVariables(t.slice(0, t.lastIndexOf('/') + 1)));
  const shared = [...new Set(heads)].filter((h) => h.length > 0 && heads.indexOf(h) !== heads.lastIndexOf(h));
  if (shared.length === 0 || shared.length > VARIABLES.length) return undefined;
  const variable = (head: string) => VARIABLES[shared.indexOf(head)];
  const text = all.map((t, i) => (shared.includes(heads[i]) ? `\${${variable(heads[i])}}${t.slice(heads[i].length)}` : t)).join(DELIMITER);
  return { 'Fn::Split': [DELIMITER, { 'Fn::Sub': [text, Object.fromEntries(shared.map((h) => [variable(h), joinOf(h)]))] }] };
}

/** The statement's resolved `Resource` in its smallest form that CloudFormation resolves to the same list. */
export function compactResources(resolved: unknown): unknown {
  if (!Array.isArray(resolved) || resolved.length < 2) return resolved;
  const templates = resolved.map(templateOf);
  if (templates.some((t) => t === undefined)) return resolved;
  const all = templates as string[];
  // The first of the smallest: on a tie, the one variable, then the list as it was.
  const forms = [resolved, withCommonPrefix(all), withPrefixPerType(all)].filter((f) => f !== undefined);
  const size = (form: unknown) => JSON.stringify(form).length;
  return forms.reduce((best, form) => (size(form) < size(best) ? form : best));
}
