// Layers tab: the layers in the function's configuration (ARN, code size).
import { h, table, fmt, emptyState } from '../../ui.js';
import { section, ep } from './common.js';

/** arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION → {name, version}. */
export function layerName(arn) {
  const p = String(arn || '').split(':');
  return p.length >= 8 && p[5] === 'layer' ? { name: p[6], version: p[7] } : { name: arn, version: '' };
}

export function render(container, ctx) {
  const layers = (ctx.config.Layers || []).map((l, i) => ({ ...l, order: i + 1, ...layerName(l.Arn) }));
  container.append(section('Layers', null, table({
    test: 'layers-table', rowTest: 'layer-row', rowAttrs: (l) => ({ 'data-arn': l.Arn }),
    columns: [
      { key: 'order', label: 'Merge order', align: 'right' },
      { key: 'name', label: 'Name' },
      { key: 'version', label: 'Version', align: 'right', sort: (l) => Number(l.version) },
      { key: 'CodeSize', label: 'Code size', align: 'right', render: (l) => fmt.bytes(l.CodeSize) },
      { key: 'Arn', label: 'ARN', render: (l) => h('code', { class: 'mono small' }, l.Arn) },
    ],
    rows: layers,
    emptyState: emptyState('This function uses no layers. Add one (layers are extracted to /opt, in order):',
      `aws lambda update-function-configuration --endpoint-url ${ep(ctx)} --function-name ${ctx.name} --layers LAYER_VERSION_ARN`),
  })));
  return null;
}
