/** Builds a content folder into a fresh temporary site for tests, and serves it. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite, type BuildOptions, type BuildSummary } from "../../src/pipeline/build.ts";
import { startStaticServer, type StaticServer } from "../../src/serve/static-server.ts";

export const FIXTURE_ARCHIVE = path.resolve(import.meta.dirname, "../fixtures/archive");
export const DEMO_CONTENT = path.resolve(import.meta.dirname, "../../content");

// One folder per test process for everything the tests write, removed when the process ends.
let testRoot: string | undefined;

export function temporaryDir(name: string): string {
  if (!testRoot) {
    const root = mkdtempSync(path.join(os.tmpdir(), "bulletin-tests-"));
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
    testRoot = root;
  }
  return mkdtempSync(path.join(testRoot, `${name}-`));
}

export async function buildTemporarySite(contentDir: string, settings: BuildOptions["settings"] = {}): Promise<{ dir: string; summary: BuildSummary }> {
  const dir = path.join(temporaryDir("site"), "site");
  const summary = await buildSite({ contentDir, outputDir: dir, settings });
  return { dir, summary };
}

export async function serveSite(dir: string, options: { pathPrefix?: string; headers?: Record<string, string> } = {}): Promise<StaticServer> {
  return startStaticServer({ root: dir, ...options });
}
