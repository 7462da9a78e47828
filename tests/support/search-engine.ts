/**
 * The search page's engine (shard groups, the shard list, the query parser) bundled as one ES
 * module, for a test or the benchmark to load into a page and search a built site with, as the
 * search page does but without its interface.
 */
import { build } from "esbuild";
import { BROWSER_DIR } from "../../src/pipeline/paths.ts";

export async function bundledSearchEngine(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ShardGroup } from "./shard-group.ts"; export { searchShards } from "./search-bundles.ts"; export { parseQuery } from "../search/query.ts";`,
      resolveDir: BROWSER_DIR,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
