/** A set of the last `max` ids seen: the in-memory half of inbound de-duplication. */
export function boundedIds(max: number) {
  const ids = new Set<string>();
  return {
    /** Adds the id; false when it was already there. */
    add(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > max) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return true;
    },
    delete: (id: string) => ids.delete(id),
    size: () => ids.size,
  };
}
