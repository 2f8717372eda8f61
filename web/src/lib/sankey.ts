/**
 * A small Sankey layout for the public flows (contributor → fund → kecamatan → use): four fixed
 * columns, nodes stacked in API order, links drawn as thick cubic curves whose width is
 * proportional to the rupiah they carry. No chart library: the site's JS budget is 30 KB.
 */
import type { FlowLink, FlowNode, FlowNodeKind } from './api';

export const COLUMNS: readonly FlowNodeKind[] = ['contributor', 'fund', 'kecamatan', 'use'];

export interface SankeyOptions {
  width: number;
  /** Room left of the first column and right of the last one, for their labels. */
  labelRoom: number;
  nodeWidth: number;
  /** Vertical gap between nodes of a column (leaves room for a two-line label). */
  gap: number;
  /** Height of the tallest column's money, before gaps. */
  plotHeight: number;
  /** The thinnest a link is drawn, so that small amounts stay visible. */
  minLink: number;
}

export const defaultSankeyOptions: SankeyOptions = {
  width: 1000,
  labelRoom: 215,
  nodeWidth: 12,
  gap: 34,
  plotHeight: 360,
  minLink: 1.5,
};

export interface PlacedNode extends FlowNode {
  column: number;
  /** Rupiah through the node: max(inflow, outflow), equal when the graph balances. */
  value: number;
  x: number;
  y: number;
  height: number;
}

export interface PlacedLink extends FlowLink {
  /** Thickness of the band. */
  width: number;
  /** Top edge of the band where it leaves its source and where it enters its target. */
  sourceY: number;
  targetY: number;
  /** The band's outline, an SVG path. */
  path: string;
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: PlacedLink[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutSankey(
  nodes: readonly FlowNode[],
  links: readonly FlowLink[],
  options: SankeyOptions = defaultSankeyOptions,
): SankeyLayout {
  const byId = new Map<string, PlacedNode>();
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const link of links) {
    outflow.set(link.source, (outflow.get(link.source) ?? 0) + link.amount);
    inflow.set(link.target, (inflow.get(link.target) ?? 0) + link.amount);
  }
  const columns: PlacedNode[][] = COLUMNS.map(() => []);
  const span = options.width - 2 * options.labelRoom - options.nodeWidth;
  for (const node of nodes) {
    const column = COLUMNS.indexOf(node.kind);
    if (column < 0) continue;
    const value = Math.max(inflow.get(node.id) ?? 0, outflow.get(node.id) ?? 0);
    if (value <= 0) continue;
    const placed: PlacedNode = {
      ...node,
      column,
      value,
      x: round(options.labelRoom + (span * column) / (COLUMNS.length - 1)),
      y: 0,
      height: 0,
    };
    byId.set(node.id, placed);
    columns[column]?.push(placed);
  }
  const drawn = links.filter((link) => byId.has(link.source) && byId.has(link.target) && link.amount > 0);
  // Contributors next to the fund they gave most to (stable: by name within a fund), so bands cross less.
  const fundRank = new Map(columns[1]?.map((node, index) => [node.id, index]));
  const mainFund = (id: string) => {
    const given = drawn.filter((link) => link.source === id).sort((a, b) => b.amount - a.amount)[0];
    return fundRank.get(given?.target ?? '') ?? 0;
  };
  columns[0]?.sort((a, b) => mainFund(a.id) - mainFund(b.id));

  // One scale for every column, set by the column carrying the most money.
  const largest = Math.max(1, ...columns.map((column) => column.reduce((sum, node) => sum + node.value, 0)));
  const scale = options.plotHeight / largest;
  const widthOf = (amount: number) => Math.max(options.minLink, amount * scale);
  const thickness = (id: string, side: 'source' | 'target') =>
    drawn.filter((link) => link[side] === id).reduce((sum, link) => sum + widthOf(link.amount), 0);

  let height = 0;
  for (const column of columns) {
    let y = 0;
    for (const node of column) {
      node.y = round(y);
      node.height = round(Math.max(thickness(node.id, 'target'), thickness(node.id, 'source'), 2));
      y += node.height + options.gap;
    }
    height = Math.max(height, y - options.gap);
  }

  // Stack each node's links in the order of the node at the other end, so fewer bands cross.
  const endY = (id: string) => byId.get(id)?.y ?? 0;
  const placedLinks: PlacedLink[] = drawn.map((link) => ({
    ...link,
    width: widthOf(link.amount),
    sourceY: 0,
    targetY: 0,
    path: '',
  }));
  const stack = (side: 'source' | 'target', other: 'source' | 'target', key: 'sourceY' | 'targetY') => {
    const offsets = new Map<string, number>();
    const ordered = [...placedLinks].sort((a, b) => endY(a[other]) - endY(b[other]) || endY(a[side]) - endY(b[side]));
    for (const link of ordered) {
      const offset = offsets.get(link[side]) ?? 0;
      offsets.set(link[side], offset + link.width);
      link[key] = endY(link[side]) + offset;
    }
  };
  stack('source', 'target', 'sourceY');
  stack('target', 'source', 'targetY');
  for (const link of placedLinks) {
    const x0 = round((byId.get(link.source)?.x ?? 0) + options.nodeWidth);
    const x1 = byId.get(link.target)?.x ?? 0;
    const mid = round((x0 + x1) / 2);
    const [s0, s1, t0, t1] = [link.sourceY, link.sourceY + link.width, link.targetY, link.targetY + link.width].map(
      round,
    );
    // A filled band between two curves: a thick stroke would fold over itself on a steep curve.
    link.path = `M${x0} ${s0}C${mid} ${s0} ${mid} ${t0} ${x1} ${t0}L${x1} ${t1}C${mid} ${t1} ${mid} ${s1} ${x0} ${s1}Z`;
    link.width = round(link.width);
    link.sourceY = round(link.sourceY);
    link.targetY = round(link.targetY);
  }

  return { width: options.width, height: round(Math.max(height, 1)), nodes: columns.flat(), links: placedLinks };
}
