/**
 * The search page's results, filters and messages, built with DOM calls only: text from the
 * index goes into text nodes, matches into <mark> elements, and nothing into innerHTML or a
 * style attribute (the site runs under a strict Content-Security-Policy).
 */
import { bodyStart, type ExcerptPart, markTerms, phraseExcerpt } from "../search/excerpt.ts";
import { wordsApart } from "../search/phrase-index.ts";
import type { Facet } from "../search/facets.ts";
import type { SearchFilterName } from "../search/filters.ts";
import { highlightParam, unquoted } from "../search/query.ts";
import type { SortOrder } from "../search/ranking.ts";
import type { SearchState } from "../search/search-state.ts";
import type { SearchHit, SearchOutcome } from "./archive-search.ts";
import type { SearchMessageKey } from "../i18n/messages.ts";
import type { Translate } from "../i18n/translate.ts";

/** Results shown at first and added by each "more": also the most fragments one step fetches. */
export const RESULTS_PER_STEP = 10;

export interface SearchViewActions {
  setFilter(name: SearchFilterName, value: string, on: boolean): void;
  clearFilters(): void;
  setSort(sort: SortOrder): void;
  setQuery(q: string): void;
}

type Child = Node | string;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function markedText(parts: ExcerptPart[]): Child[] {
  return parts.map((part) => (part.marked ? element("mark", {}, part.text) : part.text));
}

export class SearchView {
  private readonly status = element("p", { class: "search-status", role: "status", "aria-live": "polite" });
  private readonly controls = element("div", { class: "search-controls" });
  private readonly results = element("div", { class: "search-result-groups" });
  /** Bumped by every render, so results that arrive late for an older search are dropped. */
  private generation = 0;
  /** Results shown by the latest render. */
  private shown = 0;
  /** The current search's result entries by Pagefind id. */
  private readonly items = new Map<string, Promise<HTMLLIElement>>();

  constructor(
    app: HTMLElement,
    private readonly siteRoot: URL,
    private readonly t: Translate<SearchMessageKey>,
    private readonly locale: string,
    private readonly actions: SearchViewActions,
  ) {
    app.replaceChildren(this.status, this.controls, this.results);
  }

  /** Interface text in English is marked as such inside the zh-CN page. */
  private text(key: SearchMessageKey, values?: Record<string, string | number>): HTMLSpanElement {
    return element("span", this.locale === "en" ? { lang: "en" } : {}, this.t(key, values));
  }

  showPrompt(): void {
    this.generation++;
    this.status.replaceChildren(this.text("prompt"));
    this.controls.replaceChildren();
    this.results.replaceChildren();
  }

  showSearching(): void {
    this.status.replaceChildren(this.text("searching"));
  }

  showUnavailable(): void {
    this.generation++;
    this.status.replaceChildren(this.text("unavailable"));
    this.controls.replaceChildren();
    this.results.replaceChildren();
  }

  /**
   * Shows a search's outcome. A continued outcome is the same search with older shards added:
   * it keeps as many results shown as before, reuses the entries already built and keeps the
   * focused result focused.
   */
  async showOutcome(outcome: SearchOutcome, state: SearchState, continued = false): Promise<void> {
    const generation = ++this.generation;
    const shownBefore = continued ? this.shown : 0;
    if (!continued) this.items.clear();
    const focused = this.results.contains(document.activeElement) ? document.activeElement?.getAttribute("href") : undefined;
    const hits = [...outcome.exact, ...outcome.loose];
    const { complete } = outcome.progress;
    this.replaceStatus(...this.summary(outcome, state), ...this.progressNote(outcome));
    this.controls.replaceChildren(...(outcome.unfilteredCount ? [this.sortControl(state.sort), this.filterPanel(outcome.facets)] : []));
    const exactList = element("ol", { class: "search-results", "data-search-group": "exact" });
    const looseList = element("ol", { class: "search-results", "data-search-group": "loose" });
    const query = unquoted(outcome.query.input);
    this.results.replaceChildren(
      // Nothing contains what was typed: say what to try, above any looser matches.
      ...(outcome.exact.length ? [element("h2", { class: "search-group-title" }, this.text("exactHeading", { query })), exactList] : complete ? [this.suggestions(outcome, state)] : []),
      ...(outcome.loose.length ? [element("h2", { class: "search-group-title" }, this.text("looseHeading")), looseList] : []),
    );
    this.shown = 0;
    if (!hits.length) return;
    const more = element("button", { type: "button", class: "search-more" }, this.text("more"));
    const showStep = async (count: number) => {
      const step = hits.slice(this.shown, this.shown + count);
      more.disabled = true;
      // Fetched at once, shown in order as they arrive: the first result need not wait for the tenth.
      const items = step.map((hit) => this.resultItem(hit, outcome.query.terms));
      for (const [i, item] of items.entries()) {
        const entry = await item;
        if (generation !== this.generation) return;
        (step[i].exact ? exactList : looseList).append(entry);
        this.shown += 1;
      }
      more.disabled = false;
      if (this.shown >= hits.length) more.remove();
      else if (!more.isConnected) this.results.append(more);
    };
    more.addEventListener("click", () => void showStep(RESULTS_PER_STEP));
    await showStep(Math.max(RESULTS_PER_STEP, shownBefore));
    if (focused && generation === this.generation) this.results.querySelector<HTMLElement>(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }

  /** Replaces the status only when its text changes, so a live region does not repeat itself. */
  private replaceStatus(...children: Child[]): void {
    const next = element("p", {}, ...children);
    if (next.textContent !== this.status.textContent) this.status.replaceChildren(...next.childNodes);
  }

  /** While older shards are still being searched: how far the search has got. */
  private progressNote({ progress }: SearchOutcome): Child[] {
    if (progress.complete) return [];
    const count = (n: number) => n.toLocaleString(this.locale);
    const note = progress.total === undefined ? this.text("searchingOlder") : this.text("searchingOlderCount", { searched: count(progress.searched), total: count(progress.total) });
    return [" ", element("span", { class: "search-progress" }, note)];
  }

  private summary(outcome: SearchOutcome, state: SearchState): Child[] {
    const query = unquoted(outcome.query.input);
    // "None contains it" is said only once every shard that could has been searched.
    const none = outcome.progress.complete ? "summaryNoExact" : "summaryNoExactYet";
    const parts: Child[] = [outcome.exact.length ? this.text("summaryExact", { count: outcome.exact.length, query }) : this.text(none, { query })];
    if (outcome.loose.length) parts.push(this.t("separator"), this.text("summaryLoose", { count: outcome.loose.length }));
    if (Object.keys(state.filters).length) parts.push(this.text("filtered"));
    parts.push(element("span", { class: "visually-hidden" }, " ", this.text("keyboardHint")));
    return parts;
  }

  /** A result's entry, built once per search: a continued outcome moves it rather than fetching its text again. */
  private resultItem(hit: SearchHit, terms: string[]): Promise<HTMLLIElement> {
    let item = this.items.get(hit.result.id);
    if (!item) {
      item = this.buildResultItem(hit, terms);
      item.catch(() => this.items.delete(hit.result.id));
      this.items.set(hit.result.id, item);
    }
    return item;
  }

  private async buildResultItem(hit: SearchHit, terms: string[]): Promise<HTMLLIElement> {
    const data = await hit.result.data();
    const title = data.meta.title ?? data.url;
    const target = new URL(data.url, document.baseURI);
    target.searchParams.set("highlight", highlightParam(terms));
    const link = element("a", { href: target.pathname + target.search + target.hash, "data-search-result": "" }, ...markedText(markTerms(title, terms)));
    const meta = [data.meta.publication, data.meta.issue, data.meta.section, data.meta.date].filter(Boolean).join(" · ");
    // A looser match shows where the words of the terms are, apart.
    const marked = hit.exact ? terms : wordsApart(terms);
    const excerpt = phraseExcerpt(data.content, marked, bodyStart(data.content, data.meta.title));
    return element(
      "li",
      { class: hit.exact ? "search-result search-result--exact" : "search-result", "data-exact": String(hit.exact) },
      element("h3", { class: "search-result-title" }, link),
      element("p", { class: "search-result-meta" }, ...(hit.exact ? [this.text("exactBadge"), " · "] : []), meta),
      element("p", { class: "search-result-excerpt" }, ...markedText(excerpt)),
    );
  }

  private sortControl(sort: SortOrder): HTMLElement {
    const select = element("select", { id: "search-sort" });
    for (const [value, key] of [
      ["relevance", "sortRelevance"],
      ["date", "sortDate"],
    ] as const) {
      const option = element("option", { value }, this.t(key));
      option.selected = value === sort;
      select.append(option);
    }
    select.addEventListener("change", () => this.actions.setSort(select.value === "date" ? "date" : "relevance"));
    return element("div", { class: "search-sort" }, element("label", { for: "search-sort" }, this.text("sortLabel")), select);
  }

  private filterPanel(facets: Facet[]): HTMLElement {
    const groups = element("div", { class: "search-filters" });
    for (const facet of facets) {
      if (!facet.values.length) continue;
      const list = element("ul");
      for (const value of facet.values) {
        const box = element("input", { type: "checkbox", name: facet.name, value: value.value });
        box.checked = value.selected;
        box.addEventListener("change", () => this.actions.setFilter(facet.name, value.value, box.checked));
        list.append(element("li", {}, element("label", {}, box, value.value, element("span", { class: "search-filter-count" }, String(value.count)))));
      }
      groups.append(element("fieldset", {}, element("legend", {}, this.text(`filter_${facet.name}`)), list));
    }
    if (facets.some((facet) => facet.values.some((value) => value.selected))) {
      const clear = element("button", { type: "button" }, this.text("clearFilters"));
      clear.addEventListener("click", () => this.actions.clearFilters());
      groups.append(clear);
    }
    // Open beside the results on wide screens; one tap away on a phone.
    const panel = element("details", { class: "search-filter-panel" }, element("summary", {}, this.text("filtersHeading")), groups);
    panel.open = window.matchMedia("(min-width: 48rem)").matches || facets.some((facet) => facet.values.some((value) => value.selected));
    return panel;
  }

  private suggestions(outcome: SearchOutcome, state: SearchState): HTMLElement {
    const suggestions = element("ul");
    for (const [name, values] of Object.entries(state.filters) as [SearchFilterName, string[]][]) {
      for (const value of values) {
        const remove = element("button", { type: "button" }, this.text("tryRemoveFilter", { value: `${this.t(`filter_${name}`)}: ${value}` }));
        remove.addEventListener("click", () => this.actions.setFilter(name, value, false));
        suggestions.append(element("li", {}, remove));
      }
    }
    const [firstTerm] = outcome.query.terms;
    if (outcome.query.terms.length > 1) {
      const fewer = element("button", { type: "button" }, this.text("tryFewerWords", { word: firstTerm }));
      fewer.addEventListener("click", () => this.actions.setQuery(firstTerm));
      suggestions.append(element("li", {}, fewer));
    }
    suggestions.append(element("li", {}, this.text("tryOtherWords")));
    suggestions.append(element("li", {}, element("a", { href: this.siteRoot.pathname }, this.text("tryBrowse"))));
    return element(
      "div",
      { class: "search-empty" },
      ...(outcome.loose.length ? [] : [element("p", {}, this.text("noResults", { query: outcome.query.input }))]),
      element("p", {}, this.text("tryHeading")),
      suggestions,
    );
  }
}
