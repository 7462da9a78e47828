// Three projects, run together by `npm test`, or one at a time with `npm test -- --project unit`:
// unit (no site built: seconds), build (real builds and the bulletin command) and browser
// (headless Chromium). A test file is a unit test unless listed under build or browser. The tests
// on the real bulletins (tests/seeds/) need ../shared/seeds: `npm run test:seeds` runs them.
// Builds and browsers are slow on a shared 2-core machine: generous time limits, two workers.
import { defineConfig } from "vitest/config";

const BUILD = ["atomic-build", "build", "cli", "search-index", "serve"];
const BROWSER = ["bad-input", "csp", "gates", "incremental", "live-preview", "search-browser", "search-quality"];
const files = (names: string[]) => names.map((name) => `tests/${name}.test.ts`);

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    // Eleventy imports .eleventy.ts and the .11ty.ts templates with Node's own import(),
    // so test workers load TypeScript the way the bulletin command does: through tsx.
    pool: "forks",
    execArgv: ["--import", "tsx"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: [...files(BUILD), ...files(BROWSER), "tests/seeds/**"] } },
      { extends: true, test: { name: "build", include: files(BUILD) } },
      { extends: true, test: { name: "browser", include: files(BROWSER) } },
    ],
  },
});
