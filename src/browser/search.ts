/**
 * The search page: reads the search from the URL, searches as the reader types, keeps the URL
 * in step (so a search can be linked and reloaded), and lets the keyboard do everything:
 * `/` focuses the box, arrow keys move through the results, Enter opens one.
 *
 * Every URL is derived from this script's own URL (it is served from `<site>/assets/`), so the
 * site works under any path prefix and never asks another host for anything.
 */
import { type SearchState, readSearchState, searchStateParams, withFilterValue } from "../search/search-state.ts";
import { ArchiveSearch } from "./archive-search.ts";
import { searchMessages } from "../i18n/messages.ts";
import { translator } from "../i18n/translate.ts";
import { SearchView } from "./search-view.ts";

const TYPING_PAUSE_MS = 200;
const RESULT_LINK = "[data-search-result]";

const siteRoot = new URL("../", import.meta.url);
// The script is loaded async: Pagefind starts while the page is still being parsed, and the
// page is looked at once it has been.
const engine = ArchiveSearch.open(siteRoot);
// A failure is shown by the first search that needs the engine, not reported before.
engine.catch(() => undefined);

/** The page's part: the search box, the URL, the results. */
function startPage(): void {
  const app = document.getElementById("search-app");
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");

  if (app && form instanceof HTMLFormElement && input instanceof HTMLInputElement) {
    const locale = app.dataset.locale ?? "zh-CN";
    let state: SearchState = readSearchState(new URLSearchParams(location.search));
    let searches = 0;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;

    const run = async () => {
      clearTimeout(typingTimer);
      const search = ++searches;
      const params = searchStateParams(state).toString();
      history.replaceState(history.state, "", `${location.pathname}${params ? `?${params}` : ""}${location.hash}`);
      app.setAttribute("aria-busy", "true");
      app.dataset.searchProgress = "searching";
      try {
        if (!state.q.trim()) view.showPrompt();
        else {
          view.showSearching();
          let continued = false;
          // Each outcome adds older shards' results. Screen readers hear the first and the final
          // one: the status is held (aria-busy) while the ones between are shown.
          for await (const outcome of (await engine).search(state)) {
            if (search !== searches) return;
            app.setAttribute("aria-busy", "true");
            await view.showOutcome(outcome, state, continued);
            if (search !== searches) return;
            app.dataset.searchProgress = outcome.progress.complete ? "complete" : "partial";
            if (!continued || outcome.progress.complete) app.setAttribute("aria-busy", "false");
            continued = true;
          }
        }
      } catch (error) {
        if (search !== searches) return;
        console.error(error);
        view.showUnavailable();
      }
      if (search !== searches) return;
      app.setAttribute("aria-busy", "false");
      app.dataset.searchProgress = "complete";
    };

    const update = (next: SearchState) => {
      state = next;
      void run();
    };

    const view = new SearchView(app, siteRoot, translator(searchMessages, locale), locale, {
      setFilter: (name, value, on) => update(withFilterValue(state, name, value, on)),
      clearFilters: () => update({ ...state, filters: {} }),
      setSort: (sort) => update({ ...state, sort }),
      setQuery: (q) => {
        input.value = q;
        update({ ...state, q });
      },
    });

    input.value = state.q;
    input.addEventListener("input", () => {
      state = { ...state, q: input.value };
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => void run(), TYPING_PAUSE_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      update({ ...state, q: input.value });
    });

    const resultLinks = () => Array.from(app.querySelectorAll<HTMLAnchorElement>(RESULT_LINK));
    document.addEventListener("keydown", (event) => {
      const target = event.target as HTMLElement;
      const typing = target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const links = resultLinks();
      const at = target === input ? -1 : links.indexOf(target as HTMLAnchorElement);
      if (target !== input && at < 0) return;
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)]?.focus();
    });
    // The focused result's whole entry is shown as chosen, not just its link.
    app.addEventListener("focusin", (event) => {
      const item = (event.target as HTMLElement).closest(".search-result");
      for (const chosen of app.querySelectorAll(".search-result.is-active")) if (chosen !== item) chosen.classList.remove("is-active");
      item?.classList.add("is-active");
    });

    void run();
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPage, { once: true });
else startPage();
