// Eleventy 3 ships JavaScript without type declarations; these cover what this project calls.
declare module "@11ty/eleventy" {
  export const HtmlBasePlugin: unknown;
  export class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    disableLogger(): void;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
