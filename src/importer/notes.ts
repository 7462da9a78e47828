import type { Commented, ImportNote } from "./types.ts";

/**
 * Collects what an import had to guess or wants to tell. A guess is reported and also left as a
 * comment at the place it concerns, so an editor reviewing the Markdown finds it there.
 */
export class Notes {
  readonly list: ImportNote[] = [];

  info(message: string): void {
    this.list.push({ kind: "info", message });
  }

  guess(message: string, place?: Commented): void {
    this.list.push({ kind: "guess", message });
    place?.comments.push(message);
  }
}
