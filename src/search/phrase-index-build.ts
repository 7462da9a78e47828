/**
 * Builds the phrase index (see phrase-index.ts) from the pages Pagefind indexed. Pure: the
 * pages in, the manifest and parts out; reading the bundle and writing files is elsewhere.
 */
import { SEARCH_FILTERS, sortFilterValues } from "./filters.ts";
import { normalize } from "./normalize.ts";
import { appendPosting, type PhraseIndexManifest, type PhraseIndexPart, type Postings, partOf } from "./bundle-format.ts";

/** A page as Pagefind stored it (its fragment). */
export interface IndexedPage {
  id: string;
  url: string;
  title: string;
  /** The indexed text (which includes the title). */
  content: string;
  /** ISO date, for recency. */
  published: string;
  filters: Record<string, string[]>;
}

export interface BuiltPhraseIndex {
  manifest: Omit<PhraseIndexManifest, "version">;
  parts: PhraseIndexPart[];
}

/** Numbers per part aimed for: about 20 KB of JSON, one quick fetch. */
const SHARD_TARGET = 4000;
const MAX_SHARDS = 4096;

function newestFirst(a: IndexedPage, b: IndexedPage): number {
  if (a.published !== b.published) return a.published < b.published ? 1 : -1;
  return a.url.localeCompare(b.url, "en", { numeric: true });
}

/** Where each gram occurs in one page: every position of a bigram, the first of a character. */
function gramPositions(fields: string[][]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  let base = 0;
  for (const characters of fields) {
    characters.forEach((character, i) => {
      if (!positions.has(character)) positions.set(character, [base + i]);
      if (i + 1 === characters.length) return;
      const bigram = character + characters[i + 1];
      const found = positions.get(bigram);
      if (found) found.push(base + i);
      else positions.set(bigram, [base + i]);
    });
    base += characters.length + 1;
  }
  return positions;
}

/** Every gram's postings, built page by page in page order. */
function collectPostings(documents: string[][][]): { postings: Map<string, Postings>; numbers: number } {
  const postings = new Map<string, Postings>();
  const lastPage = new Map<string, number>();
  let numbers = 0;
  documents.forEach((fields, page) => {
    for (const [gram, positions] of gramPositions(fields)) {
      let list = postings.get(gram);
      if (!list) postings.set(gram, (list = []));
      appendPosting(list, page - (lastPage.get(gram) ?? 0), positions);
      lastPage.set(gram, page);
      numbers += positions.length + 2;
    }
  });
  return { postings, numbers };
}

export function buildPhraseIndex(indexed: IndexedPage[]): BuiltPhraseIndex {
  const pages = [...indexed].sort(newestFirst);
  const filters = SEARCH_FILTERS.map((name) => ({
    name,
    values: sortFilterValues(
      name,
      pages.flatMap((page) => page.filters[name] ?? []),
    ),
  }));
  const documents = pages.map((page) => [Array.from(normalize(page.title)), Array.from(normalize(page.content))]);
  const { postings, numbers } = collectPostings(documents);
  let partCount = 1;
  while (partCount < MAX_SHARDS && numbers / partCount > SHARD_TARGET) partCount *= 2;
  const parts: PhraseIndexPart[] = Array.from({ length: partCount }, () => ({}));
  for (const [gram, list] of postings) parts[partOf(gram, partCount)][gram] = list;
  return {
    manifest: {
      partCount,
      filters,
      pages: pages.map((page, i) => ({
        id: page.id,
        published: page.published,
        titleLength: documents[i][0].length,
        filters: filters.map(({ name, values }) => (page.filters[name] ?? []).map((value) => values.indexOf(value))),
      })),
    },
    parts,
  };
}
