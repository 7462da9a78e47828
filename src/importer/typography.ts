/**
 * Headings told by their type, where the input shows it (a PDF): a line set larger or bolder
 * than the body text, short and without a full stop, is a heading. Headings of one style play
 * one part. The style of the titles the table of contents lists, or of the lines a 来源 line
 * follows, is the article style; without such evidence, the most prominent style, unless its
 * headings read like sections' names and lead into other headings (一、重点工作 over 1. …):
 * headings inside an article are set smaller than its title. The style of the lines that name
 * sections (in the table of contents, or 【…】) is the section style.
 */
import { displayWidth, isSingleLine, plainText } from "./paragraphs.ts";
import type { Cue } from "./types.ts";

/** The style of a heading: its size (to 5 %), weight and font. */
const styleKey = (cue: Cue) => `${Math.round(cue.scale * 20) / 20}|${cue.bold ? "bold" : ""}|${cue.otherFont ? "font" : ""}`;
const prominence = (cue: Cue) => cue.scale * 10 + (cue.bold ? 1 : 0) + (cue.otherFont ? 0.5 : 0);

/** Printed like a section's name: 【产业观察】, 〔…〕, 一、重点工作, 第二部分…, ■ 要闻. */
const SECTION_FORM =
  /^(?:【[^【】，。]{1,16}】|〔[^〔〕，。]{1,16}〕|[一二三四五六七八九十]{1,3}[、．.]\s*[^，。：；]{1,14}|第[一二三四五六七八九十]{1,3}(?:部分|篇|章|单元)\s*[^，。]{0,14}|[■◆●▲◇□]\s*[^，。]{1,14})$/;

/** Text that can be a heading: one short line that is not a sentence. */
function headingText(text: string): boolean {
  const plain = plainText(text).trim();
  return isSingleLine(plain) && plain.length > 0 && displayWidth(plain) <= 60 && !/[。；，]$/.test(plain);
}

/** Set apart from the body text: larger, bold, or centred in a font of its own. */
const displayed = (cue: Cue) => cue.scale >= 1.08 || cue.bold || (cue.otherFont && cue.centred);

export class Typography {
  private readonly keys: (string | undefined)[];
  private sectionStyle?: string;
  private articleStyle?: string;

  constructor(
    private readonly texts: string[],
    private readonly cues: (Cue | undefined)[],
  ) {
    this.keys = texts.map((text, i) => {
      const cue = cues[i];
      return cue && displayed(cue) && headingText(text) ? styleKey(cue) : undefined;
    });
  }

  /** Paragraph `i` is set as a heading. */
  isHeading(i: number): boolean {
    return this.keys[i] !== undefined;
  }

  /**
   * Settles the styles of sections and articles from evidence: paragraphs known to name
   * sections (listed in the table of contents, or marked 【…】), and paragraphs known to be
   * article titles (listed, or followed by a 来源 line), among the paragraphs of the `body`.
   */
  decide(sections: number[], titles: number[], body: number[]): void {
    const vote = (indices: number[], exclude?: string) => {
      const votes = new Map<string, number>();
      for (const i of indices) {
        const key = this.keys[i];
        if (key !== undefined && key !== exclude) votes.set(key, (votes.get(key) ?? 0) + 1);
      }
      return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    this.sectionStyle = vote(sections);
    this.articleStyle = vote(titles, this.sectionStyle) ?? this.mostProminentBelowSections(body);
  }

  /**
   * The most prominent heading style, passing over one whose headings all read like sections'
   * names (一、重点工作) and each lead straight into a heading of another style: those are
   * sections, and the style below them the articles'.
   */
  private mostProminentBelowSections(body: number[]): string | undefined {
    const styles = new Map<string, { prominence: number; members: number[] }>();
    body.forEach((i) => {
      const key = this.keys[i];
      if (key === undefined || key === this.sectionStyle) return;
      const style = styles.get(key) ?? { prominence: prominence(this.cues[i]!), members: [] };
      style.members.push(i);
      styles.set(key, style);
    });
    const leadsIntoHeading = (i: number) => this.keys[i + 1] !== undefined && this.keys[i + 1] !== this.keys[i];
    const ranked = [...styles].sort((a, b) => b[1].prominence - a[1].prominence);
    const sectionLike = ([, style]: (typeof ranked)[number]) => style.members.every((i) => SECTION_FORM.test(plainText(this.texts[i]).trim()) && leadsIntoHeading(i));
    return (ranked.find((entry) => !sectionLike(entry)) ?? ranked[0])?.[0];
  }

  /** Paragraph `i` is set in the style of the section headings. */
  isSection(i: number): boolean {
    return this.keys[i] !== undefined && this.keys[i] === this.sectionStyle;
  }

  /** Paragraph `i` is set in the style of the article titles. */
  isTitle(i: number): boolean {
    return this.keys[i] !== undefined && this.keys[i] === this.articleStyle && !this.isSection(i);
  }

  /** The paragraph in [from, to) set largest, among those `accept` allows: a masthead's name. */
  largest(from: number, to: number, accept: (i: number) => boolean): number | undefined {
    let best: number | undefined;
    for (let i = from; i < Math.min(to, this.cues.length); i++) {
      const cue = this.cues[i];
      if (cue && accept(i) && (best === undefined || cue.scale > this.cues[best]!.scale)) best = i;
    }
    return best !== undefined && this.cues[best]!.scale >= 1.3 ? best : undefined;
  }
}
