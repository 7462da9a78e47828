/**
 * The baseline of scripts/bench-import.ts: PDF.js (through unpdf) extracting the plain text of
 * every PDF in a folder, one after another, with nothing rebuilt from it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";

// As in the importer's workers (src/importer/pdf/worker.ts): PDF.js's own inflater, not Node's slower web stream.
delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;

const folder = process.argv[2];
let characters = 0;
for (const name of readdirSync(folder).filter((n) => n.endsWith(".pdf"))) {
  const document = await getDocumentProxy(new Uint8Array(readFileSync(path.join(folder, name))), { verbosity: 0 });
  const { text } = await extractText(document, { mergePages: true });
  characters += text.length;
  await document.destroy();
}
console.log(`${characters} characters`);
