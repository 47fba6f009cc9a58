/** A tree node as far as ordering goes. */
export interface Ordered {
  id: string;
  parentId: string | null;
  position: number;
}

/**
 * Nodes in tree order: depth first from the top-level nodes, siblings by position (then id), so every parent
 * comes before its children. Nodes whose parent is missing count as top level.
 */
export function treeOrder<T extends Ordered>(nodes: readonly T[]): T[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, T[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(n);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  const out: T[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...[...(children.get(n.id) ?? [])].reverse());
  }
  return out;
}
