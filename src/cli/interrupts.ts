/**
 * What Ctrl+C (SIGINT) and `kill` (SIGTERM) mean to a command: the first one aborts the work
 * under way through its AbortSignal — a build stops its helpers, removes its staging folder and
 * fails, leaving the previous site as it was. If it has not ended within STOP_PATIENCE_MS, or at
 * a second signal, the process ends at once, abandoning the builds still running
 * (src/pipeline/build.ts: `abandonBuilds`). The library never handles signals or ends the
 * process: only the command line does, here.
 */
import { abandonBuilds } from "../pipeline/build.ts";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type StopSignal = (typeof SIGNALS)[number];

/** What a build that was stopped says: it has left nothing behind. */
const STOPPED_MESSAGE = "bulletin: the build stopped before it finished; the previous site is unchanged.";

/** How long an aborted build is waited for before the process ends regardless. */
const STOP_PATIENCE_MS = 5000;

/** The exit code of a process ended by a signal, as shells report it: 128 + its number. */
const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

interface Interrupts {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** Resolves with the first signal. */
  readonly received: Promise<StopSignal>;
  /** The exit code for the signal received, if one was. */
  readonly exitCode: number | undefined;
  /** Stops listening: the process's signals are the default again. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM until disposed. */
function catchInterrupts(): Interrupts {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  let patience: NodeJS.Timeout | undefined;
  let resolveReceived: (signal: StopSignal) => void = () => undefined;
  const receivedPromise = new Promise<StopSignal>((resolve) => (resolveReceived = resolve));

  const exitNow = (signal: StopSignal) => process.exit(EXIT_CODES[signal]);
  const onSignal = (signal: StopSignal) => {
    if (received) return exitNow(signal);
    received = signal;
    controller.abort(new Error(`stopped by ${signal}`));
    patience = setTimeout(() => exitNow(signal), STOP_PATIENCE_MS);
    resolveReceived(signal);
  };
  // Ending at once, or for want of anything left to wait for, with a build still running.
  const onExit = () => {
    const { abandoned, problems } = abandonBuilds();
    if (!abandoned) return;
    process.exitCode ||= 1;
    if (!problems.length) console.error(STOPPED_MESSAGE);
    for (const problem of problems) console.error(`bulletin: the build stopped before it finished, and ${problem}.`);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("exit", onExit);

  return {
    signal: controller.signal,
    received: receivedPromise,
    get exitCode() {
      return received && EXIT_CODES[received];
    },
    dispose() {
      clearTimeout(patience);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      process.off("exit", onExit);
    },
  };
}

/**
 * Runs a command's work while listening for SIGINT and SIGTERM: the first aborts `signal`; work
 * that then fails has been stopped, and the command exits as a process ended by that signal does.
 * `stopped` resolves with the first signal, for work that runs until one comes (`bulletin serve`).
 */
export async function whileInterruptible(work: (signal: AbortSignal, stopped: Promise<StopSignal>) => Promise<number>): Promise<number> {
  const interrupts = catchInterrupts();
  try {
    return await work(interrupts.signal, interrupts.received);
  } catch (error) {
    if (interrupts.exitCode === undefined) throw error;
    console.error(STOPPED_MESSAGE);
    return interrupts.exitCode;
  } finally {
    interrupts.dispose();
  }
}
