/**
 * One search shard's phrase index in the browser: its manifest once, and each of its files the
 * first time a query needs it — one per distinct gram the query needs (see phrase-index.ts).
 */
import { MANIFEST_FILE, PHRASE_INDEX_DIR, type PhraseIndexManifest, PhraseIndexPart, partFile, partOf } from "../search/bundle-format.ts";
import { gramsOf, matchTerms, type TermMatches } from "../search/phrase-index.ts";

/** Reads a gzip-compressed file of the index (left alone if a server already inflated it). */
async function fetchInflated(url: URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return new Response(gzipped ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : bytes);
}

async function fetchJson<T>(url: URL, init?: RequestInit): Promise<T> {
  return (await (await fetchInflated(url, init)).json()) as T;
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
      const url = new URL(`${partFile(part)}?v=${this.manifest.version}`, this.dir);
      loading = fetchInflated(url).then(async (response) => new PhraseIndexPart(new Uint8Array(await response.arrayBuffer())));
      loading.catch(() => this.parts.delete(part));
      this.parts.set(part, loading);
    }
    return loading;
  }

  /** The pages containing every term, and those with the terms' words apart (positions in this shard's manifest). */
  async matchTerms(terms: string[]): Promise<TermMatches> {
    const { partCount, pages } = this.manifest;
    const grams = gramsOf(terms);
    const loaded = new Map<string, PhraseIndexPart>();
    await Promise.all(grams.map(async (gram) => loaded.set(gram, await this.part(partOf(gram, partCount)))));
    return matchTerms(terms, pages, (gram) => loaded.get(gram)?.postings(gram) ?? []);
  }
}
