/** One stream per resource, `<category>-<id>`, so category readers find every resource of a kind. */
export function streamNameOf(category: string, id: string): string {
  return `${category}-${id}`;
}

export function idFromStream(category: string, streamId: string): string | undefined {
  const prefix = `${category}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}
