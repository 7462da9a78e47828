/**
 * Site-wide settings from the optional `<content>/site.yaml`, overridable from the command line.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../content/diagnostics.ts";
import { normaliseText, parseYaml, topLevelKeyLines, yamlDiagnostic } from "../content/frontmatter.ts";
import { validate } from "../content/schema.ts";
import { LOCALES } from "../i18n/translate.ts";

const SITE_FILE = "site.yaml";

const settingsSchema = z.object({
  title: z.string().trim().min(1).default("简报档案"),
  description: z.string().trim().min(1).default("行业简报与动态的在线档案：按刊物、年份、期号与栏目浏览，全文检索。"),
  locale: z.enum(LOCALES, { error: `expected one of ${LOCALES.join(", ")}` }).default("zh-CN"),
  url: z.url({ error: "expected the site's public address, e.g. https://bulletins.example.org/" }).default("http://localhost:8080/"),
  pathPrefix: z
    .string()
    .regex(/^\/([^/?#]+\/)*$/, { error: "expected a folder path that starts and ends with /, e.g. /archive/" })
    .default("/"),
});

export type SiteSettings = z.infer<typeof settingsSchema>;
const SETTINGS_KEYS = Object.keys(settingsSchema.shape);

/** Reads `site.yaml` if there is one; command-line overrides win over the file. */
export async function loadSettings(contentDir: string, overrides: Partial<SiteSettings> = {}): Promise<{ settings?: SiteSettings; diagnostics: Diagnostic[] }> {
  const file = path.join(contentDir, SITE_FILE);
  const source = await fs.readFile(file, "utf8").then(normaliseText, () => "");
  let data: unknown;
  try {
    data = parseYaml(source) ?? {};
  } catch (error) {
    return { diagnostics: [yamlDiagnostic(error, SITE_FILE, 1)] };
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const merged = { ...(data as object), ...defined };
  const checked = validate(settingsSchema, merged, { file: SITE_FILE, keyLines: topLevelKeyLines(source, 1), fallbackLine: 1, knownKeys: SETTINGS_KEYS });
  return { settings: checked.value, diagnostics: checked.diagnostics };
}
