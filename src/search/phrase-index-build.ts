/**
 * Builds the phrase index (see phrase-index.ts) from the pages Pagefind indexed. Pure: the
 * pages in, the manifest and parts out; reading the bundle and writing files is elsewhere.
 */
import { SEARCH_FILTERS, sortFilterValues } from "./filters.ts";
import { normalize } from "./normalize.ts";
import { type PhraseIndexManifest, type PhraseIndexPart, type Postings, partOf } from "./phrase-index.ts";

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

/** Growable arrays of numbers. */
class Numbers {
  values = new Int32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Numbers for grams in the order they are first met: characters by code point, bigrams by
 * their two characters. The index is built on these numbers, and each gram's text is made once.
 */
class Grams {
  readonly texts: string[] = [];
  private readonly characters = new Map<number, number>();
  private readonly bigrams = new Map<number, number>();
  /** For each gram that is a character, its rank among the characters. */
  private readonly rank: number[] = [];

  character(codePoint: number): number {
    let id = this.characters.get(codePoint);
    if (id === undefined) {
      id = this.texts.push(String.fromCodePoint(codePoint)) - 1;
      this.rank[id] = this.characters.size;
      this.characters.set(codePoint, id);
    }
    return id;
  }

  /** The bigram of two characters, given by their gram numbers. */
  bigram(first: number, second: number): number {
    const [a, b] = [this.rank[first], this.rank[second]];
    // A key under 2^30 is a small integer to V8, which a map hashes fastest.
    const key = a < 0x8000 && b < 0x8000 ? a * 0x8000 + b : -(a * 0x110000 + b) - 1;
    let id = this.bigrams.get(key);
    if (id === undefined) {
      id = this.texts.push(this.texts[first] + this.texts[second]) - 1;
      this.bigrams.set(key, id);
    }
    return id;
  }
}

/**
 * Every gram's postings, pages in order. Grams are numbered as first met (page by page; in a
 * page, each character before the bigram it starts), which is the order of their keys in the
 * parts. Occurrences are noted as numbers and sorted by gram with a counting sort, with no
 * string, map or array per character or page: the phrase indexes of 10,000 articles took 20 s
 * of a build that way (docs/performance.md).
 */
function collectPostings(documents: string[][]): { grams: string[]; postings: Postings[]; numbers: number } {
  const grams = new Grams();
  const gram = new Numbers();
  const page = new Numbers();
  const position = new Numbers();
  const note = (g: number, p: number, at: number) => {
    gram.push(g);
    page.push(p);
    position.push(at);
  };
  /** For each character, the last page it was noted in: a character keeps only its first position in a page. */
  const notedIn: number[] = [];
  for (let p = 0; p < documents.length; p++) {
    let base = 0;
    for (const text of documents[p]) {
      let at = 0;
      let previous = -1;
      for (let unit = 0; unit < text.length; unit++) {
        const codePoint = text.codePointAt(unit)!;
        if (codePoint > 0xffff) unit++;
        const character = grams.character(codePoint);
        if (notedIn[character] !== p) {
          notedIn[character] = p;
          note(character, p, base + at);
        }
        if (previous >= 0) note(grams.bigram(previous, character), p, base + at - 1);
        previous = character;
        at++;
      }
      base += at + 1;
    }
  }
  const count = grams.texts.length;
  // Counting sort by gram: stable, so each gram's occurrences stay in page and position order.
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < gram.length; i++) starts[gram.values[i] + 1] += 1;
  for (let id = 0; id < count; id++) starts[id + 1] += starts[id];
  const order = new Int32Array(gram.length);
  const next = starts.slice(0, count);
  for (let i = 0; i < gram.length; i++) order[next[gram.values[i]]++] = i;
  const postings: Postings[] = [];
  let numbers = 0;
  for (let id = 0; id < count; id++) {
    const list: Postings = [];
    let previousPage = 0;
    for (let at = starts[id]; at < starts[id + 1]; ) {
      const current = page.values[order[at]];
      let end = at;
      while (end < starts[id + 1] && page.values[order[end]] === current) end++;
      list.push(current - previousPage, end - at);
      let previous = 0;
      for (let k = at; k < end; k++) {
        list.push(position.values[order[k]] - previous);
        previous = position.values[order[k]];
      }
      numbers += end - at + 2;
      previousPage = current;
      at = end;
    }
    postings.push(list);
  }
  return { grams: grams.texts, postings, numbers };
}

function characterCount(text: string): number {
  let count = text.length;
  for (let unit = 0; unit < text.length; unit++) if (text.codePointAt(unit)! > 0xffff) (unit++, count--);
  return count;
}

export function buildPhraseIndex(indexed: IndexedPage[]): BuiltPhraseIndex {
  const pages = [...indexed].sort(newestFirst);
  const filters = SEARCH_FILTERS.map((name) => ({ name, values: sortFilterValues(name, pages.flatMap((page) => page.filters[name] ?? [])) }));
  const documents = pages.map((page) => [normalize(page.title), normalize(page.content)]);
  const { grams, postings, numbers } = collectPostings(documents);
  let partCount = 1;
  while (partCount < MAX_SHARDS && numbers / partCount > SHARD_TARGET) partCount *= 2;
  const parts: PhraseIndexPart[] = Array.from({ length: partCount }, () => ({}));
  grams.forEach((gram, id) => (parts[partOf(gram, partCount)][gram] = postings[id]));
  return {
    manifest: {
      partCount,
      filters,
      pages: pages.map((page, i) => ({
        id: page.id,
        published: page.published,
        titleLength: characterCount(documents[i][0]),
        filters: filters.map(({ name, values }) => (page.filters[name] ?? []).map((value) => values.indexOf(value))),
      })),
    },
    parts,
  };
}
