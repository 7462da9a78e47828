// Builds and browsers are slow on a shared 2-core machine: generous time limits, two workers.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["tests/**/*.test.ts"],
    // The tests on the real bulletins need ../shared/seeds: `npm run test:seeds` (vitest.seeds.config.ts).
    exclude: ["tests/seeds/**", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    // Eleventy imports .eleventy.ts and the .11ty.ts templates with Node's own import(),
    // so test workers load TypeScript the way the bulletin command does: through tsx.
    pool: "forks",
    execArgv: ["--import", "tsx"],
  },
});
