import { parseArgs, type ParseArgsConfig } from "node:util";

/** One `bulletin <name>` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  /** One line for `bulletin --help`. */
  summary: string;
  /** The full `--help` text of this command. */
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(args: CommandArgs): Promise<number>;
}

export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Bad use of a command: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Node's parseArgs explains at length; one line naming the option is what a user needs. */
function usageProblem(command: Command, error: NodeJS.ErrnoException): string {
  const option = /'(-{1,2}[\w-]+)/.exec(error.message)?.[1];
  const help = `run bulletin ${command.name} --help`;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option}; ${help}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${option ?? "an option"} needs a value; ${help}`;
    default:
      return `${error.message.split("\n")[0]}; ${help}`;
  }
}

export function parseCommandArgs(command: Command, argv: string[]): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError(usageProblem(command, error as NodeJS.ErrnoException));
  }
}

export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

/** The folders commands work on, unless --content and --output name others. */
export const DEFAULT_CONTENT_DIR = "content";
export const DEFAULT_OUTPUT_DIR = "_site";

export const contentDirOption = (args: CommandArgs) => stringOption(args, "content") ?? DEFAULT_CONTENT_DIR;
export const outputDirOption = (args: CommandArgs) => stringOption(args, "output") ?? DEFAULT_OUTPUT_DIR;

/** `1 issue`, `2 issues`: a count in a command's English report. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
