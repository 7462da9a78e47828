/** Builds a content folder into a fresh temporary site for tests, and serves it. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite, type BuildOptions, type BuildSummary } from "../../src/build/build.ts";
import { startStaticServer, type StaticServer } from "../../src/serve/static-server.ts";

export const FIXTURE_ARCHIVE = path.resolve(import.meta.dirname, "../fixtures/archive");
export const DEMO_CONTENT = path.resolve(import.meta.dirname, "../../content");

export function temporaryDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `bulletin-${name}-`));
}

export async function buildTemporarySite(contentDir: string, settings: BuildOptions["settings"] = {}): Promise<{ dir: string; summary: BuildSummary }> {
  const dir = path.join(temporaryDir("site"), "site");
  const summary = await buildSite({ contentDir, outputDir: dir, settings });
  return { dir, summary };
}

export async function serveSite(dir: string, options: { pathPrefix?: string; headers?: Record<string, string> } = {}): Promise<StaticServer> {
  return startStaticServer({ root: dir, ...options });
}
