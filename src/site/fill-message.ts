/** Interface text templates: `{name}` placeholders filled from values. Shared by the site and the browser. */
export function fillMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
