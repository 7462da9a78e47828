/**
 * What `bulletin serve` and the pages it serves say to each other (docs/architecture.md, "Live
 * preview"): the server's side is live-reload.ts, the browser's client/live-reload.ts.
 *
 * The server adds `<script src="<prefix>.bulletin-serve/live-reload.js" data-version="…" defer>`
 * to every HTML page it sends (with `data-not-found="<prefix>404.html"` on the 404 page, which
 * stands for a page that is missing); the script opens an event stream (server-sent events) at
 * `<prefix>.bulletin-serve/events?since=<version>` and receives an `update` on connecting and
 * after every rebuild, its event id the version of the site it describes.
 */

/**
 * The folder of the site's address space that `bulletin serve` keeps for itself. No file of a
 * built site is in it: a site's root holds only its own pages and files, and publication
 * folders never begin with a dot (src/content/archive.ts).
 */
export const RESERVED_DIR = ".bulletin-serve";
export const CLIENT_SCRIPT = "live-reload.js";
export const CLIENT_STYLESHEET = "live-reload.css";
export const EVENT_STREAM = "events";
/** The one kind of event the stream sends. */
export const UPDATE_EVENT = "update";

/** A rebuild that failed, as the overlay shows it. */
export interface Failure {
  /** Tells one failed rebuild from any other: an overlay dismissed stays away until another fails. */
  id: string;
  /** The interface language of the site, which the words are in. */
  locale: string;
  heading: string;
  explanation: string;
  dismiss: string;
  /** What went wrong: `file:line: error [field]: message (hint)`, as `bulletin check` prints it, or one line. */
  lines: string[];
}

/**
 * The state of the preview. Each update's event id names the version of the site it describes;
 * a page sends the version it was served at (`since`, or the stream's Last-Event-ID when it
 * reconnects) and is told what changed after it.
 */
export interface Update {
  /**
   * The URL paths whose content changed since the page's version: path prefix included,
   * percent-decoded, a page by its folder (`/zsia/2026/3/`), other files by name
   * (`/assets/site.css`). "everything" when that is not known (the page was served by another run of
   * `bulletin serve`, or too many rebuilds ago).
   */
  changed: string[] | "everything";
  /** Set while the last rebuild has failed: the site served is the last good one. */
  failure?: Failure;
}
