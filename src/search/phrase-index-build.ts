/**
 * Builds the phrase index (see phrase-index.ts) from the pages Pagefind indexed. Pure: the
 * pages in, the manifest and the parts' bytes out; reading the bundle and writing files is
 * elsewhere.
 *
 * It runs for every article of every build, so it works on numbers: each source character is
 * folded (normalize.ts) and numbered once per shard, grams are numbered as they are first met,
 * their occurrences are noted in typed arrays and sorted by gram with a counting sort, and the
 * parts are written as bytes directly. Strings, maps and arrays per character or page made
 * the phrase indexes of 10,000 articles take 20 s of a build (docs/performance.md).
 */
import { SEARCH_FILTERS, sortFilterValues } from "./filters.ts";
import { foldCharacter } from "./normalize.ts";
import { type PhraseIndexManifest, partOf } from "./bundle-format.ts";

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
  /** Each part's bytes (phrase-index.ts). */
  parts: Uint8Array[];
}

/** Numbers per part aimed for: about 20 KB of JSON, one quick fetch. */
const SHARD_TARGET = 4000;
const MAX_SHARDS = 4096;

function newestFirst(a: IndexedPage, b: IndexedPage): number {
  if (a.published !== b.published) return a.published < b.published ? 1 : -1;
  return a.url.localeCompare(b.url, "en", { numeric: true });
}

/** A growable array of 32-bit integers. */
class IntList {
  values: Int32Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.values = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** How a source character folds: not looked at yet, to nothing, or (below) to several characters. */
const UNKNOWN = -1;
const NOTHING = -2;
const SEVERAL = -3;

/**
 * The grams of one shard, numbered in the order they are first met (the order of their keys in
 * the parts), and what each source character folds to, as numbered normalised characters.
 */
class Grams {
  /** Each gram's text, by gram number. */
  readonly texts: string[] = [];
  /** For each normalised character (by its number), its text and its gram number (-1 before it is met). */
  private readonly characterTexts: string[] = [];
  private readonly characterGrams = new IntList();
  private readonly characterNumbers = new Map<string, number>();
  /** A source code point → UNKNOWN, NOTHING, a character number, or SEVERAL - k for the k-th entry of `several`. */
  private readonly bmp = new Int32Array(0x10000).fill(UNKNOWN);
  private readonly astral = new Map<number, number>();
  private readonly several: number[][] = [];
  private readonly bigrams = new Map<number, number>();
  /** For each character number, the last page it was noted in: a character keeps only its first position in a page. */
  readonly notedIn = new IntList();

  private characterNumber(character: string): number {
    let number = this.characterNumbers.get(character);
    if (number === undefined) {
      number = this.characterTexts.push(character) - 1;
      this.characterNumbers.set(character, number);
      this.characterGrams.push(-1);
      this.notedIn.push(-1);
    }
    return number;
  }

  /** What a source code point folds to: see `bmp`. */
  fold(codePoint: number): number {
    let folded = codePoint <= 0xffff ? this.bmp[codePoint] : (this.astral.get(codePoint) ?? UNKNOWN);
    if (folded !== UNKNOWN) return folded;
    const characters = Array.from(foldCharacter(String.fromCodePoint(codePoint)), (character) => this.characterNumber(character));
    if (!characters.length) folded = NOTHING;
    else if (characters.length === 1) folded = characters[0];
    else folded = SEVERAL - (this.several.push(characters) - 1);
    if (codePoint <= 0xffff) this.bmp[codePoint] = folded;
    else this.astral.set(codePoint, folded);
    return folded;
  }

  /** The characters a fold into several stands for. */
  severalOf(folded: number): number[] {
    return this.several[SEVERAL - folded];
  }

  /** The gram number of a normalised character. */
  character(number: number): number {
    let gram = this.characterGrams.values[number];
    if (gram < 0) this.characterGrams.values[number] = gram = this.texts.push(this.characterTexts[number]) - 1;
    return gram;
  }

  /** The gram number of two normalised characters, given by their numbers. */
  bigram(first: number, second: number): number {
    // Keys under 2^30 are small integers to V8, which a map hashes fastest.
    const key = first < 0x8000 && second < 0x8000 ? first * 0x8000 + second : -(first * 0x110000 + second) - 1;
    let gram = this.bigrams.get(key);
    if (gram === undefined) {
      gram = this.texts.push(this.characterTexts[first] + this.characterTexts[second]) - 1;
      this.bigrams.set(key, gram);
    }
    return gram;
  }
}

/** Where grams occur: for each occurrence, its gram, page and position. */
class Occurrences {
  readonly gram = new IntList(1 << 16);
  readonly page = new IntList(1 << 16);
  readonly position = new IntList(1 << 16);

  note(gram: number, page: number, position: number): void {
    this.gram.push(gram);
    this.page.push(page);
    this.position.push(position);
  }
}

/**
 * Notes the grams of one field of a page (its title or its text) from position `base`: every
 * bigram's position, and each character's first in the page. Returns the field's length in
 * normalised characters.
 */
function noteField(text: string, page: number, base: number, grams: Grams, found: Occurrences): number {
  let at = 0;
  let previous = -1;
  const visit = (character: number) => {
    const gram = grams.character(character);
    if (grams.notedIn.values[character] !== page) {
      grams.notedIn.values[character] = page;
      found.note(gram, page, base + at);
    }
    if (previous >= 0) found.note(grams.bigram(previous, character), page, base + at - 1);
    previous = character;
    at++;
  };
  for (let unit = 0; unit < text.length; unit++) {
    const codePoint = text.codePointAt(unit)!;
    if (codePoint > 0xffff) unit++;
    const folded = grams.fold(codePoint);
    if (folded >= 0) visit(folded);
    else if (folded !== NOTHING) for (const character of grams.severalOf(folded)) visit(character);
  }
  return at;
}

/** Bytes that grow: a part as it is written (phrase-index.ts describes the layout). */
class PartBytes {
  private bytes = new Uint8Array(1 << 13);
  private length = 0;
  private static readonly encoder = new TextEncoder();

  private room(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** An unsigned LEB128 varint, for 0 to 2^31 - 1. */
  varint(value: number): void {
    this.room(5);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }

  /** A string: its UTF-8 length, then its bytes. */
  text(value: string): void {
    const utf8 = PartBytes.encoder.encode(value);
    this.varint(utf8.length);
    this.room(utf8.length);
    this.bytes.set(utf8, this.length);
    this.length += utf8.length;
  }

  get written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * The parts' bytes: the grams of each part, in number order, with their postings (phrase-index.ts,
 * Postings), in as many parts as keep each near SHARD_TARGET numbers.
 */
function writeParts(grams: string[], found: Occurrences): { partCount: number; parts: Uint8Array[] } {
  const count = grams.length;
  const gramOf = found.gram.values;
  // Counting sort by gram: stable, so each gram's occurrences stay in page and position order.
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < found.gram.length; i++) starts[gramOf[i] + 1] += 1;
  for (let gram = 0; gram < count; gram++) starts[gram + 1] += starts[gram];
  const pageOf = new Int32Array(found.gram.length);
  const positionOf = new Int32Array(found.gram.length);
  const next = starts.slice(0, count);
  for (let i = 0; i < found.gram.length; i++) {
    const at = next[gramOf[i]]++;
    pageOf[at] = found.page.values[i];
    positionOf[at] = found.position.values[i];
  }
  // A gram's postings are two numbers for each page it is in and one for each position.
  const numbersOf = new Int32Array(count);
  let numbers = 0;
  for (let gram = 0; gram < count; gram++) {
    numbersOf[gram] = starts[gram + 1] - starts[gram];
    for (let k = starts[gram]; k < starts[gram + 1]; k++) if (k === starts[gram] || pageOf[k] !== pageOf[k - 1]) numbersOf[gram] += 2;
    numbers += numbersOf[gram];
  }
  let partCount = 1;
  while (partCount < MAX_SHARDS && numbers / partCount > SHARD_TARGET) partCount *= 2;
  const partOfGram = grams.map((gram) => partOf(gram, partCount));
  const gramsIn = new Int32Array(partCount);
  for (const part of partOfGram) gramsIn[part]++;
  const parts = Array.from(gramsIn, (gramCount) => {
    const bytes = new PartBytes();
    bytes.varint(gramCount);
    return bytes;
  });
  for (let gram = 0; gram < count; gram++) {
    const bytes = parts[partOfGram[gram]];
    bytes.text(grams[gram]);
    bytes.varint(numbersOf[gram]);
    let previousPage = 0;
    for (let at = starts[gram]; at < starts[gram + 1];) {
      const page = pageOf[at];
      let end = at + 1;
      while (end < starts[gram + 1] && pageOf[end] === page) end++;
      bytes.varint(page - previousPage);
      bytes.varint(end - at);
      let previous = 0;
      for (let k = at; k < end; k++) {
        bytes.varint(positionOf[k] - previous);
        previous = positionOf[k];
      }
      previousPage = page;
      at = end;
    }
  }
  return { partCount, parts: parts.map((bytes) => bytes.written) };
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
  const grams = new Grams();
  const found = new Occurrences();
  // The title from position 0, the text after it, one position apart so that no bigram spans the two.
  const titleLengths = pages.map((page, i) => {
    const titleLength = noteField(page.title, i, 0, grams, found);
    noteField(page.content, i, titleLength + 1, grams, found);
    return titleLength;
  });
  const { partCount, parts } = writeParts(grams.texts, found);
  return {
    manifest: {
      partCount,
      filters,
      pages: pages.map((page, i) => ({
        id: page.id,
        published: page.published,
        titleLength: titleLengths[i],
        filters: filters.map(({ name, values }) => (page.filters[name] ?? []).map((value) => values.indexOf(value))),
      })),
    },
    parts,
  };
}
