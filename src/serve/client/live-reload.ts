/**
 * The live preview in the browser, on every page `bulletin serve` sends and never in a built site
 * (live-reload-protocol.ts; docs/architecture.md, "Live preview"). It reloads the page when a
 * rebuild changed it or a file it loaded, swaps its stylesheets when only they changed, and shows
 * over it why a rebuild failed until one succeeds. It keeps to the site's Content-Security-Policy:
 * an external script and stylesheet, elements filled with textContent, classes and no styles.
 */
import { CLIENT_STYLESHEET, EVENT_STREAM, type Failure, UPDATE_EVENT, type Update } from "../live-reload-protocol.ts";

const script = document.currentScript as HTMLScriptElement;
/** The server's own folder (RESERVED_DIR), where this script came from. */
const serveDir = new URL(".", script.src);
/** The version of the site this page shows: the one it was served at, then every update that left it as it was. */
let version = script.dataset.version ?? "";

/** A same-origin URL's path as the server names changed files: percent-decoded, a page by its folder. */
function sitePath(url: string): string | undefined {
  const { origin, pathname } = new URL(url, location.href);
  if (origin !== location.origin) return undefined;
  try {
    return decodeURIComponent(pathname).replace(/\/index\.html$/, "/");
  } catch {
    return pathname;
  }
}

/** The paths whose change is a change of this page: its own and, on the 404 page, the 404 page's. */
const pagePaths = new Set([sitePath(location.href), script.dataset.notFound]);

/** Every file of the site this page has loaded so far: stylesheets, scripts, images, search data. */
function loadedPaths(): Set<string | undefined> {
  return new Set(performance.getEntriesByType("resource").map((entry) => sitePath(entry.name)));
}

/** Loads a stylesheet again under a new address, and drops the old one once the new one applies: no flash of an unstyled page. */
function swapStylesheet(link: HTMLLinkElement): void {
  const fresh = link.cloneNode() as HTMLLinkElement;
  const url = new URL(link.href);
  url.searchParams.set("bulletin-serve", version);
  fresh.href = url.href;
  fresh.addEventListener("load", () => link.remove(), { once: true });
  fresh.addEventListener("error", () => fresh.remove(), { once: true });
  link.after(fresh);
}

/** Brings the page up to date with an update: reloaded, its stylesheets swapped, or left as it is. */
function follow(changed: Update["changed"]): "reloading" | "current" {
  if (changed === "everything" || changed.some((path) => pagePaths.has(path))) {
    location.reload();
    return "reloading";
  }
  const paths = new Set(changed);
  const stylesheets = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')].filter((link) => paths.has(sitePath(link.href) ?? ""));
  const restyled = new Set(stylesheets.map((link) => sitePath(link.href)));
  if ([...loadedPaths()].some((path) => path !== undefined && paths.has(path) && !restyled.has(path))) {
    location.reload();
    return "reloading";
  }
  stylesheets.forEach(swapStylesheet);
  return "current";
}

// The failure overlay, in a shadow root of its own so that the site's styles and its own stay apart.

const DISMISSED = "bulletin-serve-dismissed";
let overlay: { failure: Failure; host: HTMLElement } | undefined;

function dismissedFailure(): string | null {
  try {
    return sessionStorage.getItem(DISMISSED);
  } catch {
    return null;
  }
}

function dismiss(): void {
  if (!overlay) return;
  try {
    sessionStorage.setItem(DISMISSED, overlay.failure.id);
  } catch {
    // Storage refused (a private window, say): dismissed on this page only.
  }
  showFailure(undefined);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function failureOverlay(failure: Failure): HTMLElement {
  const host = document.createElement("bulletin-serve-failure");
  host.lang = failure.locale;
  // Shown once its stylesheet applies (or fails to load): never as unstyled text over the page.
  host.hidden = true;
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL(CLIENT_STYLESHEET, serveDir).href;
  const show = () => (host.hidden = false);
  stylesheet.addEventListener("load", show, { once: true });
  stylesheet.addEventListener("error", show, { once: true });

  const panel = element("section", "panel");
  panel.setAttribute("role", "alert");
  const heading = element("h2", "heading", failure.heading);
  const lines = element("ul", "lines");
  lines.append(...failure.lines.map((line) => element("li", "line", line)));
  const button = element("button", "dismiss", failure.dismiss);
  button.type = "button";
  button.addEventListener("click", dismiss);
  panel.append(heading, element("p", "explanation", failure.explanation), lines, button);
  host.attachShadow({ mode: "open" }).append(stylesheet, panel);
  return host;
}

/** Shows why the last rebuild failed, unless this failure was dismissed; none, and the overlay goes. */
function showFailure(failure: Failure | undefined): void {
  if (failure && failure.id === overlay?.failure.id) return;
  overlay?.host.remove();
  overlay = undefined;
  if (!failure || failure.id === dismissedFailure()) return;
  overlay = { failure, host: failureOverlay(failure) };
  document.body.append(overlay.host);
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && overlay) dismiss();
});

// The stream: open while the page is visible, so that tabs in the background hold no connection
// (a browser opens few at once to one server); a page that comes back asks what it missed.

let stream: EventSource | undefined;

function connect(): void {
  if (stream || document.hidden) return;
  const url = new URL(EVENT_STREAM, serveDir);
  url.searchParams.set("since", version);
  stream = new EventSource(url);
  stream.addEventListener(UPDATE_EVENT, (event: MessageEvent<string>) => {
    const update = JSON.parse(event.data) as Update;
    version = event.lastEventId || version;
    if (follow(update.changed) === "current") showFailure(update.failure);
  });
}

function disconnect(): void {
  stream?.close();
  stream = undefined;
}

document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
addEventListener("pagehide", disconnect);
// Back from the back-forward cache, the page is as it was when it was left.
addEventListener("pageshow", connect);
connect();
