/**
 * Compiles each Nunjucks template once per build. Eleventy 3.1 hands Nunjucks a fresh
 * `Template` for every page it renders (its own compile cache is off for Nunjucks, see
 * @11ty/eleventy/src/Engines/Nunjucks.js), so a template paginated over 10,000 articles was
 * compiled 10,000 times: two thirds of render time. This plugin takes over `.njk` compilation
 * (https://www.11ty.dev/docs/languages/custom/#overriding-an-existing-template-language) and
 * keeps one compiled template per file and source text; permalink and computed-data strings
 * go through the same cache. Measurements: docs/performance.md.
 *
 * What it relies on beyond Eleventy's documented API, checked against @11ty/eleventy 3.1.7 with
 * the Nunjucks it installs (@11ty/nunjucks 3.3.0); look again when either is upgraded:
 * - the `eleventy.engine.njk` event, which Eleventy's Nunjucks engine emits with
 *   `{ nunjucks, environment }` once it has made the environment (filters, loaders) that
 *   templates must be compiled with (src/Engines/Nunjucks.js, constructor);
 * - that with `compileOptions.permalink` Eleventy hands permalink strings, and computed-data
 *   strings, to the extension's `compile` as well (src/TemplateContent.js);
 * - Nunjucks' own `Template` class: `new Template(source, environment, path, eagerCompile)` and
 *   `render(data, callback)`, which is not Nunjucks' public API (src/environment.js).
 * The build and browser tests render every kind of page through it, so a change there fails them.
 */

import type { UserConfig } from "@11ty/eleventy";

interface NunjucksTemplate {
  render(data: object, callback: (error: Error | null, result: string) => void): void;
}

interface NunjucksLibrary {
  Template: new (source: string, environment: unknown, path: string | null, eagerCompile: boolean) => NunjucksTemplate;
}

type Render = (data: object) => Promise<string>;

export function nunjucksCompileCache(eleventyConfig: UserConfig): void {
  let library: NunjucksLibrary | undefined;
  let environment: unknown;
  const compiled = new Map<string, NunjucksTemplate>();
  // Eleventy creates the Nunjucks environment (filters, loaders) and announces it with this event.
  eleventyConfig.on("eleventy.engine.njk", (event: { nunjucks: NunjucksLibrary; environment: unknown }) => {
    library = event.nunjucks;
    environment = event.environment;
    compiled.clear();
  });

  const compile = (source: string, inputPath: string): Render => {
    const key = `${inputPath}\0${source}`;
    let template = compiled.get(key);
    if (!template) {
      if (!library) throw new Error("the Nunjucks engine was not set up before the first template");
      template = new library.Template(source, environment, inputPath, true);
      compiled.set(key, template);
    }
    const ready = template;
    return (data) => new Promise((resolve, reject) => ready.render(data, (error, result) => (error ? reject(error) : resolve(result))));
  };

  eleventyConfig.addExtension("njk", {
    key: "njk",
    compile,
    compileOptions: {
      cache: true,
      // A permalink written as a function (JavaScript front matter) is already what Eleventy calls.
      permalink: (permalink: unknown, inputPath: string) => (typeof permalink === "string" ? compile(permalink, inputPath) : permalink),
    },
  });
}
