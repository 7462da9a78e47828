#!/usr/bin/env node
// The `bulletin` command. The project is TypeScript, run through tsx without a compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
