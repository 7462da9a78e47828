/**
 * One search shard's phrase index in the browser: its manifest once, and each of its files the
 * first time a query needs it — one per distinct gram the query needs (see phrase-index.ts).
 */
import { MANIFEST_FILE, PHRASE_INDEX_DIR, type PhraseIndexManifest, type PhraseIndexPart, partFile, partOf } from "../search/bundle-format.ts";
import { gramsOf, pagesWithEveryTerm, type PhraseMatch } from "../search/phrase-index.ts";

/** Reads a gzip-compressed JSON file of the index (left alone if a server already inflated it). */
async function fetchJson<T>(url: URL, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const body = gzipped ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : new Blob([bytes]).stream();
  return (await new Response(body).json()) as T;
}

export class PhraseIndexClient {
  private readonly parts = new Map<number, Promise<PhraseIndexPart>>();

  private constructor(
    private readonly dir: URL,
    readonly manifest: PhraseIndexManifest,
  ) {}

  /** The phrase index beside a search shard's Pagefind bundle. */
  static async load(shard: URL): Promise<PhraseIndexClient> {
    const dir = new URL(`${PHRASE_INDEX_DIR}/`, shard);
    // Revalidated, so a rebuilt site is seen at once; parts carry the version in their URL.
    const manifest = await fetchJson<PhraseIndexManifest>(new URL(MANIFEST_FILE, dir), { cache: "no-cache" });
    return new PhraseIndexClient(dir, manifest);
  }

  private part(part: number): Promise<PhraseIndexPart> {
    let loading = this.parts.get(part);
    if (!loading) {
      loading = fetchJson<PhraseIndexPart>(new URL(`${partFile(part)}?v=${this.manifest.version}`, this.dir));
      loading.catch(() => this.parts.delete(part));
      this.parts.set(part, loading);
    }
    return loading;
  }

  /** The pages containing every term (positions in this shard's manifest). */
  async pagesWithEveryTerm(terms: string[]): Promise<PhraseMatch[]> {
    const { partCount, pages } = this.manifest;
    const grams = gramsOf(terms);
    const loaded = new Map<string, PhraseIndexPart>();
    await Promise.all(grams.map(async (gram) => loaded.set(gram, await this.part(partOf(gram, partCount)))));
    return pagesWithEveryTerm(terms, pages, (gram) => loaded.get(gram)?.[gram] ?? []);
  }
}
