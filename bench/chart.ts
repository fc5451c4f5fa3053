/**
 * The results chart: template bytes and CloudFormation resources against instance count, ours against
 * AwsCustomResource, rendered to SVG by Vega-Lite (no browser or canvas needed).
 */
export interface SeriesPoint {
  readonly kind: string;
  readonly side: 'ours' | 'AwsCustomResource';
  readonly instances: number;
  readonly bytes: number;
  readonly resources: number;
}

export async function renderChart(points: SeriesPoint[]): Promise<string> {
  // Vega ships as ES modules only.
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const panel = (field: 'bytes' | 'resources', title: string, limit: number) => ({
    width: 340,
    height: 260,
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'instances', type: 'quantitative', scale: { type: 'log' }, title: 'instances in one stack' },
          y: { field, type: 'quantitative', title },
          color: { field: 'side', type: 'nominal', title: null },
          strokeDash: { field: 'kind', type: 'nominal', title: null },
        },
      },
      {
        data: { values: [{ limit }] },
        mark: { type: 'rule', strokeDash: [2, 2], color: 'gray' },
        encoding: { y: { field: 'limit', type: 'quantitative' } },
      },
    ],
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Synthesized template: ours against AwsCustomResource (dashed rule: CloudFormation limit)',
    data: { values: points },
    hconcat: [panel('bytes', 'template bytes', 1_000_000), panel('resources', 'CloudFormation resources', 500)],
  };
  const view = new vega.View(vega.parse(vl.compile(spec as any).spec), { renderer: 'none' });
  return view.toSVG();
}
