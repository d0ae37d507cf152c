/**
 * Nested group membership, resolved in memory. A group's members are users, devices and other
 * groups; a member of a child group is a member of every group above it. Directories allow
 * cycles (A in B, B in A), so every walk keeps a visited set and terminates.
 */
export interface NestingEdge {
  parentId: string;
  childId: string;
}

export class GroupGraph {
  private readonly parentsOf = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, string[]>();

  constructor(
    edges: readonly NestingEdge[],
    private readonly names: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const { parentId, childId } of edges) {
      push(this.parentsOf, childId, parentId);
      push(this.childrenOf, parentId, childId);
    }
  }

  name(groupId: string): string {
    return this.names.get(groupId) ?? groupId;
  }

  /**
   * Every group the direct groups belong to, each with the shortest path from a direct group up
   * to it (both ends included). Breadth-first, so the explanation a console shows is the shortest.
   */
  ancestors(directGroupIds: Iterable<string>): Map<string, string[]> {
    const paths = new Map<string, string[]>();
    const queue: string[] = [];
    for (const id of directGroupIds) {
      if (paths.has(id)) continue;
      paths.set(id, [id]);
      queue.push(id);
    }
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      for (const parent of this.parentsOf.get(id) ?? []) {
        if (paths.has(parent)) continue;
        paths.set(parent, [...paths.get(id)!, parent]);
        queue.push(parent);
      }
    }
    return paths;
  }

  /** The group and every group nested in it, at any depth. */
  descendants(groupIds: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...groupIds];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(this.childrenOf.get(id) ?? []));
    }
    return seen;
  }

  directParents(groupId: string): string[] {
    return this.parentsOf.get(groupId) ?? [];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
