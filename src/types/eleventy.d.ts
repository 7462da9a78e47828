// Eleventy 3 ships JavaScript without type declarations; these cover what this project calls
// (checked against @11ty/eleventy 3.1.7: src/Eleventy.js, src/UserConfig.js).
declare module "@11ty/eleventy" {
  /** A template compiled by a custom template language: its render function. */
  type CompiledTemplate = (data: object) => Promise<string>;

  /** A custom template language, or an override of a built-in one. https://www.11ty.dev/docs/languages/custom/ */
  export interface TemplateLanguage {
    /** The built-in language it is or behaves as, e.g. `njk` or `11ty.js`. */
    key: string;
    compile?: (source: string, inputPath: string) => CompiledTemplate;
    compileOptions?: {
      cache?: boolean;
      permalink?: (permalink: unknown, inputPath: string) => unknown;
    };
  }

  /** The `eleventyConfig` a configuration file or plugin is given. https://www.11ty.dev/docs/config/ */
  export interface UserConfig {
    addGlobalData(name: string, data: unknown): void;
    /** Filters are called with `this` bound to Eleventy's filter context; each declares what it reads of it. */
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addPlugin<Options>(plugin: Plugin<Options>, options?: Options): void;
    addExtension(extensions: string | string[], language: TemplateLanguage): void;
    addTemplateFormats(formats: string | string[]): void;
    addPassthroughCopy(copies: string | Record<string, string>): void;
    setNunjucksEnvironmentOptions(options: { autoescape?: boolean; throwOnUndefined?: boolean }): void;
    on(event: string, listener: (...args: never[]) => unknown): void;
  }

  export type Plugin<Options = unknown> = (eleventyConfig: UserConfig, options?: Options) => void;

  export const HtmlBasePlugin: Plugin;

  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    /** Runs on this instance's configuration before the configuration file does. */
    config?: (eleventyConfig: UserConfig) => void | Promise<void>;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}
