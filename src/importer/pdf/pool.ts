/**
 * Worker threads that read PDFs (worker.ts): at most two at a time (the machines this runs on
 * have few cores and the layout work is CPU-bound), each with a memory ceiling and a time limit
 * per file. Idle workers do not keep the process alive.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PdfLayout } from "./layout.ts";
import type { LayoutReport } from "./worker.ts";

/** Why a PDF could not be laid out, in words for the editor. */
export class PdfLayoutError extends Error {}

const MAX_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));
/** Old-generation heap of a worker: far above what a bulletin needs, far below the machine. */
const HEAP_MB = 1536;
/** A PDF that takes longer than this is not a bulletin PDF.js can read in reasonable time. */
const TIME_LIMIT_MS = 120_000;

interface Slot {
  worker: Worker;
  busy: boolean;
}

const slots: Slot[] = [];
const waiting: (() => void)[] = [];
let nextId = 1;

function spawn(): Slot {
  // The worker is TypeScript: register tsx in it first, however this process loaded it.
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./worker.ts", import.meta.url).href;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  worker.unref();
  const slot = { worker, busy: false };
  worker.once("exit", () => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    waiting.shift()?.();
  });
  slots.push(slot);
  return slot;
}

async function acquire(): Promise<Slot> {
  for (;;) {
    const idle = slots.find((s) => !s.busy) ?? (slots.length < MAX_WORKERS ? spawn() : undefined);
    if (idle) {
      idle.busy = true;
      idle.worker.ref();
      return idle;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(slot: Slot): void {
  slot.busy = false;
  slot.worker.unref();
  waiting.shift()?.();
}

/** Lays out a PDF in a worker thread. Throws PdfLayoutError with the reason when it cannot. */
export async function layoutInWorker(bytes: Uint8Array): Promise<PdfLayout> {
  const slot = await acquire();
  const id = nextId++;
  try {
    return await new Promise<PdfLayout>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        slot.worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      };
      const onMessage = (report: LayoutReport) => {
        if (report.id !== id) return;
        done();
        if ("layout" in report) resolve(report.layout);
        else reject(new PdfLayoutError("unreadable" in report ? report.unreadable : `the PDF could not be read (${report.failed})`));
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        reject(
          new PdfLayoutError(
            error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "the PDF needs more memory than a bulletin ever does: it is damaged or not a bulletin" : `the PDF could not be read (${error.message})`,
          ),
        );
      };
      const onExit = () => {
        done();
        reject(new PdfLayoutError("the PDF could not be read: its reader stopped"));
      };
      const timer = setTimeout(() => {
        done();
        reject(new PdfLayoutError(`reading the PDF took longer than ${TIME_LIMIT_MS / 1000} s: it is damaged or not a bulletin`));
        void slot.worker.terminate();
      }, TIME_LIMIT_MS);
      slot.worker.on("message", onMessage).once("error", onError).once("exit", onExit);
      // A copy: the caller keeps its bytes (it copies the original PDF into the archive).
      slot.worker.postMessage({ id, bytes: new Uint8Array(bytes) });
    });
  } finally {
    release(slot);
  }
}
