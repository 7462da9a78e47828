/**
 * The interface's languages, and interface text filled in: `{name}` placeholders from values,
 * `{name|one|other}` for a word that follows a number.
 * Shared by the site's templates and the search page's script (messages.ts has the words).
 */

/** The interface languages; the first is the default. Content is never translated. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** One part of the interface's words, in every locale. */
export type Catalogue<Key extends string> = Record<Locale, Record<Key, string>>;

export type Translate<Key extends string> = (key: Key, values?: Record<string, string | number>) => string;

/**
 * `{name}` is the value; `{name|one|other}` is the word for it: `one` when the value is 1, `other`
 * otherwise (English's two forms; Chinese needs none).
 */
export function fillMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (_, name: string, one?: string, other?: string) => {
    const value = values[name] ?? "";
    if (one === undefined) return String(value);
    return Number(value) === 1 ? one : (other ?? "");
  });
}

const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly (string | undefined)[]).includes(value);

/** The words of one part of the catalogue in a locale (the default for one it does not know). */
export function translator<Key extends string>(catalogue: Catalogue<Key>, locale: string | undefined): Translate<Key> {
  const messages = catalogue[isLocale(locale) ? locale : LOCALES[0]];
  return (key, values) => fillMessage(messages[key], values);
}
