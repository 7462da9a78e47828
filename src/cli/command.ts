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
    return { values: values as CommandArgs["values"], positionals };
  } catch (error) {
    throw new UsageError(usageProblem(command, error as NodeJS.ErrnoException));
  }
}

export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}
