// Reads the record ids a tool declares in its input (`refs`), so the kernel can resolve each inside one tenant.

/** Values at a dotted path; `items[].id` walks arrays. Missing or null values yield nothing. */
export function valuesAtPath(input: unknown, path: string): string[] {
  let current: unknown[] = [input];
  for (const part of path.split(".")) {
    const isArray = part.endsWith("[]");
    const key = isArray ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== "object") continue;
      const child = (value as Record<string, unknown>)[key];
      if (isArray && Array.isArray(child)) next.push(...child);
      else if (!isArray && child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current.filter((v): v is string => typeof v === "string");
}

/** A copy of `input` with the value at a (non-array) dotted path replaced. */
export function withValueAtPath(input: unknown, path: string, value: unknown): unknown {
  const parts = path.replace(/\[\]/g, "").split(".");
  const root: Record<string, unknown> = structuredClone((input ?? {}) as Record<string, unknown>);
  let node = root;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      const existing = node[part];
      node[part] = Array.isArray(existing) || path.endsWith("[]") ? [value] : value;
    } else {
      node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
      node = node[part] as Record<string, unknown>;
    }
  });
  return root;
}
