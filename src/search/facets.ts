/**
 * Filtering results by publication, section, year and source, and the count beside each value.
 * Counts are disjunctive, as readers expect of checkboxes: a filter's counts apply every
 * *other* filter's selection, so choosing one section still shows how many results the other
 * sections would add.
 */
import type { FilterSelection, SearchFilterName } from "./filters.ts";
import type { Catalogue } from "./catalogue.ts";

interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface Facet {
  name: SearchFilterName;
  values: FacetValue[];
}

/** For each filter, the value indexes selected (filters with nothing selected are absent). */
function selectedIndexes(catalogue: Catalogue, selection: FilterSelection): Map<number, Set<number>> {
  const selected = new Map<number, Set<number>>();
  catalogue.filters.forEach((filter, i) => {
    const values = selection[filter.name];
    if (values?.length) selected.set(i, new Set(values.map((value) => filter.values.indexOf(value))));
  });
  return selected;
}

function matches(catalogue: Catalogue, page: number, selected: Map<number, Set<number>>, except = -1): boolean {
  for (const [filter, values] of selected) {
    if (filter === except) continue;
    if (!catalogue.pages[page].filters[filter].some((value) => values.has(value))) return false;
  }
  return true;
}

export function applySelection(catalogue: Catalogue, pages: number[], selection: FilterSelection): number[] {
  const selected = selectedIndexes(catalogue, selection);
  return pages.filter((page) => matches(catalogue, page, selected));
}

export function facetCounts(catalogue: Catalogue, pages: number[], selection: FilterSelection): Facet[] {
  const selected = selectedIndexes(catalogue, selection);
  return catalogue.filters.map((filter, i) => {
    const counts = new Array<number>(filter.values.length).fill(0);
    for (const page of pages) {
      if (!matches(catalogue, page, selected, i)) continue;
      for (const value of catalogue.pages[page].filters[i]) counts[value]++;
    }
    const chosen = selection[filter.name] ?? [];
    return {
      name: filter.name,
      values: filter.values.map((value, v) => ({ value, count: counts[v], selected: chosen.includes(value) })).filter((value) => value.count > 0 || value.selected),
    };
  });
}
