/**
 * Reads PDFs in a worker thread (pool.ts starts it): PDF.js and the layout analysis off the
 * main thread, two files at a time, each worker with a memory ceiling, so that a hostile or
 * broken PDF can at worst end its worker.
 */
import { parentPort } from "node:worker_threads";
import { UnreadablePdf } from "./extract.ts";
import { type PdfLayout, readPdfLayout } from "./layout.ts";

export interface LayoutTask {
  id: number;
  bytes: Uint8Array;
}

export type LayoutReport = { id: number; layout: PdfLayout } | { id: number; unreadable: string } | { id: number; failed: string };

// PDF.js inflates streams with the web DecompressionStream when there is one; Node's is several
// times slower than PDF.js's own inflater for the many small font streams of a Chromium PDF
// (docs/pdf-import.md). This worker uses nothing else of it.
delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;

/** Reads one PDF's layout; every outcome, a failure too, is a report. */
async function report({ id, bytes }: LayoutTask): Promise<LayoutReport> {
  try {
    return { id, layout: await readPdfLayout(bytes) };
  } catch (error) {
    return error instanceof UnreadablePdf ? { id, unreadable: error.message } : { id, failed: error instanceof Error ? error.message : String(error) };
  }
}

parentPort!.on("message", (task: LayoutTask) => {
  void report(task).then((answer) => parentPort!.postMessage(answer));
});
