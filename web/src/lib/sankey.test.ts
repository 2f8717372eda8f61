import { describe, expect, it } from 'vitest';
import type { FlowLink, FlowNode } from './api';
import { defaultSankeyOptions, layoutSankey } from './sankey';

const nodes: FlowNode[] = [
  { id: 'contributor:a', kind: 'contributor', label: 'PT A' },
  { id: 'contributor:b', kind: 'contributor', label: 'PT B' },
  { id: 'fund:CSR', kind: 'fund', label: 'CSR' },
  { id: 'kecamatan:63.71.01', kind: 'kecamatan', label: 'Banjarmasin Selatan' },
  { id: 'use:households', kind: 'use', label: 'Diterima keluarga' },
  { id: 'use:unspent', kind: 'use', label: 'Belum digunakan' },
];

const links: FlowLink[] = [
  { source: 'contributor:a', target: 'fund:CSR', fund: 'CSR', amount: 6_000_000 },
  { source: 'contributor:b', target: 'fund:CSR', fund: 'CSR', amount: 2_000_000 },
  { source: 'fund:CSR', target: 'kecamatan:63.71.01', fund: 'CSR', amount: 5_000_000 },
  { source: 'fund:CSR', target: 'use:unspent', fund: 'CSR', amount: 3_000_000 },
  { source: 'kecamatan:63.71.01', target: 'use:households', fund: 'CSR', amount: 5_000_000 },
];

describe('layoutSankey', () => {
  it('puts contributors, funds, kecamatan and uses in four columns, left to right', () => {
    // Act
    const layout = layoutSankey(nodes, links);

    // Assess
    const x = (id: string) => layout.nodes.find((node) => node.id === id)?.x ?? -1;
    expect(x('contributor:a')).toBe(x('contributor:b'));
    expect(x('contributor:a')).toBeLessThan(x('fund:CSR'));
    expect(x('fund:CSR')).toBeLessThan(x('kecamatan:63.71.01'));
    expect(x('kecamatan:63.71.01')).toBeLessThan(x('use:households'));
    expect(x('use:households')).toBe(x('use:unspent'));
  });

  it('gives each node the money through it and draws it proportionally', () => {
    // Act
    const layout = layoutSankey(nodes, links);

    // Assess
    const fund = layout.nodes.find((node) => node.id === 'fund:CSR');
    const a = layout.nodes.find((node) => node.id === 'contributor:a');
    expect(fund?.value).toBe(8_000_000);
    expect(fund?.height).toBe(defaultSankeyOptions.plotHeight);
    expect(a?.height).toBe(defaultSankeyOptions.plotHeight * 0.75);
  });

  it('draws every link as wide as its share of the money', () => {
    // Act
    const layout = layoutSankey(nodes, links);

    // Assess
    expect(layout.links.map((link) => link.width)).toEqual([270, 90, 225, 135, 225]);
  });

  it('stacks a node’s links without overlap, from its top edge', () => {
    // Act
    const layout = layoutSankey(nodes, links);

    // Assess
    const leaving = layout.links.filter((link) => link.source === 'fund:CSR').map((link) => link.sourceY);
    const entering = layout.links.filter((link) => link.target === 'fund:CSR').map((link) => link.targetY);
    expect(leaving).toEqual([0, 225]);
    expect(entering).toEqual([0, 270]);
  });

  it('draws each link as a closed band from its source to its target', () => {
    // Act
    const layout = layoutSankey(nodes, links);

    // Assess
    const x = (id: string) => layout.nodes.find((node) => node.id === id)?.x ?? -1;
    const [first] = layout.links;
    const start = x('contributor:a') + defaultSankeyOptions.nodeWidth;
    expect(first?.path.startsWith(`M${start} 0C`)).toBe(true);
    expect(first?.path).toContain(`${x('fund:CSR')} 0L${x('fund:CSR')} 270C`);
    expect(first?.path.endsWith(`${start} 270Z`)).toBe(true);
  });

  it('keeps a tiny link visible', () => {
    // Act
    const layout = layoutSankey(nodes.slice(0, 3), [
      { source: 'contributor:a', target: 'fund:CSR', fund: 'CSR', amount: 1_000_000_000 },
      { source: 'contributor:b', target: 'fund:CSR', fund: 'CSR', amount: 1 },
    ]);

    // Assess
    expect(layout.links[1]?.width).toBe(defaultSankeyOptions.minLink);
  });

  it('leaves out nodes that carry no money', () => {
    // Act
    const layout = layoutSankey(nodes, links.slice(0, 2));

    // Assess
    expect(layout.nodes.map((node) => node.id)).toEqual(['contributor:a', 'contributor:b', 'fund:CSR']);
  });

  it('puts each contributor next to the fund it gave most to', () => {
    // Prepare
    const twoFunds: FlowNode[] = [
      { id: 'contributor:a', kind: 'contributor', label: 'A (zakat)' },
      { id: 'contributor:b', kind: 'contributor', label: 'B (CSR)' },
      { id: 'fund:CSR', kind: 'fund', label: 'CSR' },
      { id: 'fund:ZAKAT', kind: 'fund', label: 'Zakat' },
    ];

    // Act
    const layout = layoutSankey(twoFunds, [
      { source: 'contributor:a', target: 'fund:ZAKAT', fund: 'ZAKAT', amount: 1_000 },
      { source: 'contributor:b', target: 'fund:CSR', fund: 'CSR', amount: 1_000 },
    ]);

    // Assess
    expect(layout.nodes.filter((node) => node.column === 0).map((node) => node.id)).toEqual([
      'contributor:b',
      'contributor:a',
    ]);
  });
});
