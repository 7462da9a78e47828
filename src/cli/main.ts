/**
 * The `bulletin` command line: `bulletin <command> [options]`.
 * Bad use prints one line and exits 2; bad content prints every problem and exits 1.
 */
import { ContentError } from "../content/diagnostics.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { buildCommand } from "./commands/build.ts";
import { checkCommand } from "./commands/check.ts";
import { importCommand } from "./commands/import.ts";
import { newCommand } from "./commands/new.ts";
import { serveCommand } from "./commands/serve.ts";

const commands: Command[] = [buildCommand, serveCommand, checkCommand, newCommand, importCommand];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ["Usage: bulletin <command> [options]", "", "Commands:", ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), "", "Run bulletin <command> --help for a command's options."].join(
    "\n",
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command ${name}; run bulletin --help for the list`);
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      console.log(command.usage);
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bulletin: ${error.message}`);
      return 2;
    }
    if (error instanceof ContentError) {
      console.error(error.message);
      console.error("Nothing was written; the previous site is unchanged.");
      return 1;
    }
    console.error(`bulletin: ${(error as Error).message}`);
    return 1;
  }
}
