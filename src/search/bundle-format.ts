/**
 * The search bundle on disk: what the build writes (src/pipeline/search-index.ts, with
 * phrase-index-files.ts) and the search page reads (src/browser/). Both sides import it; the
 * browser imports nothing from the pipeline. Under the site root:
 *
 * ```
 * pagefind/                        the primary bundle: Pagefind's scripts and the newest shard's index
 * pagefind/shards.json             ShardManifest: every shard, newest first
 * pagefind/shards/<id>/            one shard: Pagefind's index (no scripts) and its phrase index
 * <bundle>/phrase-index/           a bundle's phrase index (phrase-index.ts), gzip-compressed:
 *   manifest.json.gz               PhraseIndexManifest, as JSON
 *   parts/<n>.bin.gz               PhraseIndexPart: the postings of the grams hashed to part n, as varints
 * ```
 *
 * A small archive is one shard, so `pagefind/` is then the whole index, as Pagefind alone would
 * write it, and there is no `shards/` folder. Pagefind's own files inside a bundle are
 * Pagefind's format (version pinned in package.json).
 */
import { fnv1a } from "../util/hash.ts";
import type { SearchFilterName } from "./filters.ts";

/**
 * The language Pagefind indexes the articles as: one it does not segment. Pagefind's cost grows
 * with the words it indexes, and Chinese segmented into words made three times as many as it
 * does unsegmented — half of a full build's CPU (docs/performance.md). The phrase index finds
 * every match, exact and looser, so the site never searches Pagefind's word index; each bundle
 * keeps the pages, their text, filters and metadata, as Pagefind writes them for any language.
 * The pages themselves stay `zh-CN`.
 */
export const INDEX_LANGUAGE = "und";

/** The primary bundle's folder, at the site root. */
export const BUNDLE_DIR = "pagefind";
/** Pagefind's script in a bundle, which the search page loads. */
export const PAGEFIND_SCRIPT = "pagefind.js";
/** The shards' folder, inside the primary bundle. */
export const SHARDS_DIR = "shards";
/** The shard list, inside the primary bundle. */
export const SHARD_MANIFEST = "shards.json";

/** A shard's folder relative to the primary bundle: `shards/zsia-2025-0/`. */
export const shardPath = (id: string) => `${SHARDS_DIR}/${id}/`;

export interface ShardInfo {
  id: string;
  /** Bundle folder relative to the primary bundle (`shardPath`). */
  path: string;
  /** Names of its publications, as the search page's publication filter shows them. */
  publications: string[];
  years: number[];
  /** Dates of the oldest and newest issue in the shard. */
  from: string;
  to: string;
  articles: number;
}

/** `pagefind/shards.json`: every shard, newest first; the first is the one in the primary bundle. */
export interface ShardManifest {
  version: 1;
  shards: ShardInfo[];
}

/** A bundle's phrase index folder. */
export const PHRASE_INDEX_DIR = "phrase-index";
/** The phrase index manifest, inside its folder. */
export const MANIFEST_FILE = "manifest.json.gz";

/** A part's file, relative to the phrase index folder. */
export function partFile(part: number): string {
  return `parts/${part}.bin.gz`;
}

export interface PhraseIndexPage {
  /** Pagefind's id for the page (the `id` of its search results). */
  id: string;
  /** ISO date: orders the pages of several search shards as one list. */
  published: string;
  /** Normalised characters in the title. */
  titleLength: number;
  /** For each filter of the manifest, indexes into its values. */
  filters: number[][];
}

export interface PhraseIndexFilter {
  name: SearchFilterName;
  values: string[];
}

export interface PhraseIndexManifest {
  /** Changes with the content: added to part URLs so a rebuilt site is never mixed with a cached one. */
  version: string;
  partCount: number;
  filters: PhraseIndexFilter[];
  /** Newest first: a page's position is its recency rank. */
  pages: PhraseIndexPage[];
}

/**
 * The postings of one gram: for each page that has it, in page order, the page's distance
 * from the previous page, the number of positions, then each position's distance from the
 * previous one. Flat and delta-encoded because the index is mostly these numbers, and small
 * numbers take one byte each in a part (PhraseIndexPart). Positions count normalised characters in the page's document: the title from 0, then the body
 * from titleLength + 1 (the gap keeps bigrams from spanning the two). A single character keeps
 * only its first position.
 */
export type Postings = number[];

/**
 * One part of a phrase index, read from its (gunzipped) bytes: unsigned LEB128 varints, the
 * number of grams, then for each its UTF-8 length and bytes, the count of numbers in its postings
 * and the numbers. Binary rather than JSON: as small on the wire (as JSON the numbers were mostly
 * digits and commas, which gzip only brought back to this size), a third of the work to write,
 * and a gram's postings are decoded only when a query needs that gram (docs/performance.md).
 * phrase-index-build.ts writes them (`writeParts`).
 */
export class PhraseIndexPart {
  private readonly grams = new Map<string, [start: number, count: number]>();
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {
    const decoder = new TextDecoder();
    for (let grams = this.varint(); grams > 0; grams--) {
      const length = this.varint();
      const gram = decoder.decode(bytes.subarray(this.at, (this.at += length)));
      const count = this.varint();
      this.grams.set(gram, [this.at, count]);
      for (let skipped = 0; skipped < count;) if (bytes[this.at++] < 0x80) skipped++;
    }
  }

  private varint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  /** A gram's postings; none when the part does not have it. */
  postings(gram: string): Postings {
    const found = this.grams.get(gram);
    if (!found) return [];
    this.at = found[0];
    return Array.from({ length: found[1] }, () => this.varint());
  }
}

/** The part a gram's postings are in: FNV-1a over its UTF-16 units, stable in Node and every browser. */
export function partOf(gram: string, partCount: number): number {
  return fnv1a(gram) % partCount;
}

/** Adds one page's positions (ascending) to a gram's postings; pages must come in order. */
export function appendPosting(postings: Postings, pageDistance: number, positions: number[]): void {
  postings.push(pageDistance, positions.length);
  let previous = 0;
  for (const position of positions) {
    postings.push(position - previous);
    previous = position;
  }
}

/** A gram's postings as positions by page. */
export function decodePostings(postings: Postings): Map<number, number[]> {
  const byPage = new Map<number, number[]>();
  let page = 0;
  for (let at = 0; at < postings.length;) {
    page += postings[at];
    const count = postings[at + 1];
    const positions: number[] = [];
    let position = 0;
    for (let i = 0; i < count; i++) positions.push((position += postings[at + 2 + i]));
    byPage.set(page, positions);
    at += 2 + count;
  }
  return byPage;
}
