/** Search quality on the demo archive (tests/fixtures/search/quality-suite.ts); the seeds' in tests/seeds/. */
import { describe, expect, it } from "vitest";
import { searchQualitySuite } from "./fixtures/search/quality-suite.ts";
import { QUALITY_QUERIES } from "./fixtures/search/queries.ts";

describe("the search-quality query set", () => {
  it("has at least 30 queries of every kind", () => {
    expect(QUALITY_QUERIES.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(QUALITY_QUERIES.map((query) => query.kind));
    expect([...kinds].sort()).toEqual(["characters-apart", "english", "numbers-with-spaces", "segmentation", "several-words", "title-only", "two-character"]);
  });
});

searchQualitySuite("demo");
