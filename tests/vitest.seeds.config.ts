// `npm run test:seeds`: the tests on the real bulletins in ../shared/seeds (or $BULLETIN_SEEDS),
// with the settings of vitest.config.ts.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({ test: { ...base.test, include: ["tests/seeds/**/*.test.ts"], exclude: ["**/node_modules/**"] } });
