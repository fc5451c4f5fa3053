/**
 * Where the template bytes of one added instance go: the compact JSON of the resources an instance adds, part by
 * part, and what it adds to resources that already exist (the shared role's policy). Averaged over the instances
 * that are added, so that the parts add up to "template bytes per added instance".
 */
export interface BytePart {
  readonly part: string;
  readonly bytes: number;
}

type Template = { Resources: Record<string, any> };

const size = (x: unknown) => JSON.stringify(x).length;
/** `"key":value` and the comma that separates it from the next member. */
const member = (key: string, value: unknown) => size(key) + 1 + size(value) + 1;

/** The parts of the bytes per added instance, largest first; `one` has 1 instance and `many` has `count` more. */
export function bytesPerInstance(one: Template, many: Template, count: number): BytePart[] {
  const added = Object.keys(many.Resources).filter((id) => !(id in one.Resources));
  const parts = new Map<string, number>();
  const add = (part: string, bytes: number) => parts.set(part, (parts.get(part) ?? 0) + bytes / count);
  for (const id of added) {
    const { Type: type, Properties: props, ...rest } = many.Resources[id];
    const owner = type.startsWith('Custom::') ? 'the custom resource' : type;
    // `"<id>":{...},` in Resources: the key, the braces, the comma (the last member of an object has none).
    add(`${owner}: logical ID and braces`, size(id) + 1 + 2 - 1 + 1);
    add(`${owner}: Type`, member('Type', type));
    for (const [key, value] of Object.entries(rest)) add(`${owner}: ${key}`, member(key, value));
    if (props) {
      add(`${owner}: "Properties" and braces`, size('Properties') + 1 + 2 - 1 + 1);
      for (const [key, value] of Object.entries<unknown>(props)) add(`${owner}: ${key}`, member(key, value));
    }
  }
  for (const id of Object.keys(one.Resources)) {
    const grown = size(many.Resources[id]) - size(one.Resources[id]);
    if (grown !== 0) add(`${one.Resources[id].Type} (shared): grows by`, grown);
  }
  return [...parts].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
}
