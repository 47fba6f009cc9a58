/** How deep each node sits in its tree (0 for top-level nodes), from a parents-before-children list. */
export function depthOf(nodes: readonly { id: string; parentId: string | null }[]): Map<string, number> {
  const depth = new Map<string, number>()
  for (const n of nodes) depth.set(n.id, n.parentId ? (depth.get(n.parentId) ?? -1) + 1 : 0)
  return depth
}
