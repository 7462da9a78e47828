// `npm run test:seeds`: the tests on the real bulletins in ../shared/seeds (or $BULLETIN_SEEDS),
// in one run with the settings of vitest.config.ts.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

const { projects: _projects, ...settings } = base.test ?? {};

export default defineConfig({ test: { ...settings, include: ["tests/seeds/**/*.test.ts"] } });
