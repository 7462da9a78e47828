/** Where the project's own files are, wherever the command is run from. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, "templates");
export const ELEVENTY_CONFIG = path.join(PROJECT_ROOT, ".eleventy.ts");
export const BROWSER_DIR = path.join(PROJECT_ROOT, "src", "browser");
