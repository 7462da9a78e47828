/** `bulletin serve` run as a child process, the way an editor runs it, for the serve and live-preview tests. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { expect, vi } from "vitest";

const BULLETIN = path.resolve(import.meta.dirname, "../../scripts/bulletin.js");
/** Long enough for a slow machine; the tests poll, they do not measure. */
export const PATIENCE = { timeout: 90_000, interval: 250 };

/** `bulletin serve` as a child process, with everything it has printed so far. */
export class ServeProcess {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BULLETIN, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** The URL the command prints once the first build is served. */
  async url(): Promise<string> {
    let url = "";
    await vi.waitFor(() => {
      url = /Serving .* at (http:\/\/\S+)/.exec(this.stdout)?.[1] ?? "";
      expect(url, `stdout: ${this.stdout}\nstderr: ${this.stderr}`).not.toBe("");
    }, PATIENCE);
    return url;
  }
}
