/**
 * The search page's state and its URL: `?q=…&publication=…&section=…&year=…&source=…&sort=date`.
 * The URL is the state, so a search can be linked, bookmarked and reloaded.
 */
import { type FilterSelection, SEARCH_FILTERS } from "./filters.ts";
import type { SortOrder } from "./ranking.ts";

export interface SearchState {
  q: string;
  filters: FilterSelection;
  sort: SortOrder;
}

export function readSearchState(params: URLSearchParams): SearchState {
  const filters: FilterSelection = {};
  for (const name of SEARCH_FILTERS) {
    const values = [...new Set(params.getAll(name).filter(Boolean))];
    if (values.length) filters[name] = values;
  }
  return { q: params.get("q") ?? "", filters, sort: params.get("sort") === "date" ? "date" : "relevance" };
}

export function searchStateParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of SEARCH_FILTERS) for (const value of state.filters[name] ?? []) params.append(name, value);
  if (state.sort === "date") params.set("sort", "date");
  return params;
}

export function withFilterValue(state: SearchState, name: keyof FilterSelection, value: string, on: boolean): SearchState {
  const current = state.filters[name] ?? [];
  const values = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
  const filters = { ...state.filters, [name]: values };
  if (!values.length) delete filters[name];
  return { ...state, filters };
}
