/**
 * The colophon: the editorial box and the back page, as labelled lines (主 编 …, 编 委 会 …,
 * 邮 箱 …, 报：…), and the "about us" blocks some bulletins print last. None of it is article
 * text. What stays the same from issue to issue (the contact details, the publisher's
 * description) belongs to publication.yaml; what changes (editors, who it is sent to, the rest
 * of the editorial box) to the front-matter. docs/content-format.md has the fields.
 */
import { displayWidth, isSingleLine, startsWithListMarker } from "./paragraphs.ts";
import type { Contact } from "../content/schema.ts";
import type { Block, ColophonDraft } from "./types.ts";

/** Labels of the editorial box and the back page. Printed labels are often letter-spaced (编 委 会). */
// prettier-ignore
const LABELS = [
  "编辑部地址", "编印单位", "主办单位", "副总编辑", "联合主编", "咨询电话", "联系电话", "电子邮箱", "执行编辑",
  "责任编辑", "美术编辑", "学术支持", "编辑地址", "通讯地址", "通信地址", "总编辑", "副主编", "编委会", "新媒体",
  "主办", "承办", "协办", "编印", "主编", "编委", "编辑", "责编", "校对", "审核", "审稿", "核稿", "签发", "电话",
  "传真", "邮箱", "邮编", "地址", "网址", "网站", "声明", "印数", "主送", "抄送", "抄报", "报送", "分送", "发送",
  "审校", "微信公众号", "公众号", "微信", "微博",
];
/** One-character labels are common words too, so they count only with a colon: 报：… 送：… */
const COLON_LABELS = ["报", "送", "发", "印发"];

const letterSpaced = (label: string) => [...label].join("\\s*");
const LABELLED = new RegExp(`^(${LABELS.map(letterSpaced).join("|")}|e-?mail)(\\s*[:：]\\s*|\\s+|$)(.*)$`, "iu");
const COLON_LABELLED = new RegExp(`^(${COLON_LABELS.join("|")})(\\s*[:：]\\s*)(.*)$`, "u");
const FOLLOW_US = /^(?:更多内容|欢迎关注|敬请关注|扫码关注|扫描二维码关注)/;
/** A notice printed with the colophon, without a label: 内部资料　注意保存, 未经许可请勿转载. */
const NOTICE = /^(?=.{4,80}$)(?:(?:内部(?:资料|参考|交流)|注意保存|本刊(?:为|系|仅)|本资料|本信息产品).*|.*(?:请勿(?:转载|外传)|不代表.{0,10}观点|仅供(?:参考|内部))[^，]{0,20}[。.]?)$/;

const EDITOR_LABELS = new Set(["主编", "副主编", "总编辑", "副总编辑", "执行编辑", "责任编辑", "美术编辑", "编辑", "责编", "校对", "审核", "审校", "审稿", "核稿", "签发", "编委会", "编委"]);
const DISTRIBUTION_LABELS = new Set(["报", "送", "发", "主送", "抄送", "抄报", "报送", "分送", "发送", "印发"]);
/** Contact fields by the labels that print them. */
const CONTACT_LABELS: [RegExp, keyof Contact][] = [
  [/地址$/, "address"],
  [/^邮编$/, "postcode"],
  [/电话$/, "phone"],
  [/^传真$/, "fax"],
  [/邮箱$|^e-?mail$/i, "email"],
  [/^网[址站]$/, "website"],
];
const contactField = (label: string) => CONTACT_LABELS.find(([pattern]) => pattern.test(label))?.[1];

/** Where another label starts inside a line: "邮编：310012 电话：0571-…", "编辑：周晓岚 校对：吴倩". */
const NEXT_LABEL = new RegExp(`\\s+(?=(?:${[...LABELS, ...COLON_LABELS].map(letterSpaced).join("|")}|e-?mail)\\s*[:：])`, "giu");
const PUBLISHER_LABELS = new Set(["主办", "主办单位", "编印", "编印单位", "主编"]);

interface Entry {
  /** Label without its letter-spacing; empty for a "follow us" line. */
  label: string;
  values: string[];
  colon: boolean;
  original: string;
}

function readLabelledPart(text: string): Entry | undefined {
  const match = LABELLED.exec(text) ?? COLON_LABELLED.exec(text);
  if (match) {
    const value = match[3].trim();
    return { label: match[1].replace(/\s+/g, ""), values: value ? [value] : [], colon: /[:：]/.test(match[2]), original: text };
  }
  if (NOTICE.test(text)) return { label: "声明", values: [text], colon: true, original: text };
  return FOLLOW_US.test(text) ? { label: "", values: [], colon: false, original: text } : undefined;
}

/**
 * The entries of a labelled line: one per label it holds, and a bracketed remark at its end
 * ((共印80份)) apart. Undefined when the line does not start with a label.
 */
function readLabelledLine(paragraph: string): Entry[] | undefined {
  if (!isSingleLine(paragraph)) return undefined;
  let text = paragraph.trim();
  // An office's name before the labels: "苏南光伏产业协会秘书处　地址：…".
  const prefixed = /^([^\s，。：:；、]{2,16})\s+(?=\S)/.exec(text);
  if (prefixed && !readLabelledPart(text) && readLabelledPart(text.slice(prefixed[0].length))?.colon) text = text.slice(prefixed[0].length);
  const first = readLabelledPart(text);
  if (!first) return undefined;
  if (!first.label) return [first];
  const remark = /\s*([（(]\s*(?:共印|印数)[^（）()]*[)）])$/.exec(text);
  const body = remark && remark.index > 0 ? text.slice(0, remark.index) : text;
  const parts = body.split(NEXT_LABEL).map((part) => readLabelledPart(part.trim()) ?? { ...first, values: [part.trim()], original: part.trim() });
  if (remark && remark.index > 0) parts.push({ label: "印数", values: [remark[1]], colon: true, original: remark[1] });
  return parts;
}

/** A line of the editorial box or the back page, on its own. */
export function isColophonLine(paragraph: string): boolean {
  return readLabelledLine(paragraph) !== undefined;
}

/** Short names of bodies end like this (某某协会, 市统计局); people's names rarely do. */
const ORGANISATION_ENDING = /[会院局厅部委办所司社馆处室组站校队盟台]$|中心$/u;

/**
 * Person names from a letter-spaced list: two-character names are padded to the width of
 * three-character ones (宋希贤 陈雅娴 程 茹 杨 婷), so lone characters pair up. Undefined when
 * the value is not a list of names (an organisation, an address …).
 */
export function personNames(value: string): string[] | undefined {
  const names: string[] = [];
  let half = "";
  for (const token of value.split(/[\s、，,；;]+/).filter(Boolean)) {
    if (!/^\p{Script=Han}{1,4}$/u.test(token) || ORGANISATION_ENDING.test(token)) return undefined;
    if ([...token].length > 1) {
      if (half) return undefined;
      names.push(token);
    } else if (half) {
      names.push(half + token);
      half = "";
    } else {
      half = token;
    }
  }
  return names.length > 0 && !half ? names : undefined;
}

/** The names a value starts with, before whatever follows them (沈卫平　本刊每周五出刊，…). */
function leadingNames(value: string): string[] {
  const tokens = value.split(/\s+/).filter(Boolean);
  for (let n = tokens.length; n > 0; n--) {
    const names = personNames(tokens.slice(0, n).join(" "));
    if (names) return names;
  }
  return [];
}

/** A line that carries on the previous label's value: a short name of a person or body, no punctuation. */
function isContinuation(paragraph: string): boolean {
  return isSingleLine(paragraph) && displayWidth(paragraph) <= 24 && !/[，。；：！？、:,;!?\d]/.test(paragraph) && !startsWithListMarker(paragraph);
}

/** Reads an editorial box line by line: labelled lines and the lines continuing them. */
export class Colophon {
  private readonly entries: Entry[] = [];
  private open = false;

  /** Takes a labelled line, or the continuation of the previous one; false for anything else. */
  take(paragraph: string): boolean {
    const entries = readLabelledLine(paragraph);
    if (entries) {
      this.entries.push(...entries);
      this.open = entries.at(-1)!.label !== "";
      return true;
    }
    if (this.open && isContinuation(paragraph)) {
      this.entries[this.entries.length - 1].values.push(paragraph.trim());
      return true;
    }
    this.open = false;
    return false;
  }

  /** Names under the editors' labels (主编, 总编辑, 责任编辑 …), in order, once each. */
  editors(): string[] {
    const names = this.entries.filter((e) => EDITOR_LABELS.has(e.label)).flatMap((e) => leadingNames(e.values.join(" ")));
    return [...new Set(names)];
  }

  /** The body named as 主办/编印/主编 (an organisation, not a person). */
  publisher(): string | undefined {
    const entry = this.entries.find((e) => PUBLISHER_LABELS.has(e.label) && e.values.length > 0 && !personNames(e.values.join(" ")));
    return entry?.values[0];
  }

  /** Address, telephone, e-mail, web address …: the first of each, as printed. */
  contact(): Contact {
    const contact: Contact = {};
    for (const entry of this.entries) {
      const field = contactField(entry.label);
      if (field && entry.values.length > 0) contact[field] ??= entry.values.join(" ");
    }
    return contact;
  }

  /** Who the issue is sent to: "报：…", "抄送：…". */
  distribution(): string[] {
    return this.linesOf(this.entries.filter((e) => DISTRIBUTION_LABELS.has(e.label)));
  }

  /** The rest of the box, tidied: "主编：…", "编委会：宋希贤、陈雅娴、程茹 …", "声明：…". */
  lines(): string[] {
    // "Follow us" captions went with a QR code, which is not kept.
    return this.linesOf(this.entries.filter((e) => e.label && !DISTRIBUTION_LABELS.has(e.label) && !contactField(e.label)));
  }

  private linesOf(entries: Entry[]): string[] {
    return entries.flatMap((e) => {
      if (!e.label) return [e.original];
      // A bare label (新媒体) captioned a QR code that text extraction lost.
      if (e.values.length === 0) return [];
      const names = personNames(e.values.join(" "));
      if (names) return [`${e.label}：${names.join("、")}`];
      if (e.values.length === 1 && e.colon) return [e.original];
      return [`${e.label}：${e.values.join("、")}`];
    });
  }
}

/**
 * The heading of an "about us" block: an organisation's name on its own line, followed by its
 * English name or by a paragraph that starts with the name (贵州省大数据发展促进会是 …).
 */
function isAboutUsHeading(paragraphs: string[], i: number, to: number): boolean {
  const heading = paragraphs[i];
  if (!heading.trim() || !isSingleLine(heading) || displayWidth(heading) > 24 || /[，。；：！？、,.;:!?]/.test(heading) || startsWithListMarker(heading)) return false;
  const next = i + 1 < to ? paragraphs[i + 1] : "";
  const latin = /^[\x20-\x7e]+$/.test(next) && /[A-Za-z]{3}/.test(next);
  // 关于东陵市电子商务协会 over "东陵市电子商务协会成立于…"; 本会简介, 关于我们.
  const name = heading.replace(/^关于/, "").replace(/(?:简介|概况)$/, "");
  return latin || (name.length >= 2 && next.startsWith(name)) || /^(?:关于我们|本刊简介|本会简介|单位简介)$/.test(heading.trim());
}

export interface BackMatter {
  /** Where the back matter starts; the articles end there. */
  start: number;
  /** Contact and distribution lines (报：… 送：… 编辑部地址 …). */
  box: Colophon;
  /** "About us" blocks: organisation names as headings, then their descriptions. */
  aboutUs: Block[];
}

/**
 * The back matter at the end of `paragraphs[from, to)`: a closing run of colophon lines, and
 * "about us" blocks before it (in either order).
 */
export function findBackMatter(paragraphs: string[], from: number, to: number): BackMatter {
  const colophonRunBefore = (end: number) => {
    let start = end;
    while (start > from && isColophonLine(paragraphs[start - 1])) start--;
    return start;
  };
  const closingRun = colophonRunBefore(to);
  let aboutStart = closingRun;
  for (let i = from; i < closingRun; i++) {
    if (isAboutUsHeading(paragraphs, i, closingRun)) {
      aboutStart = i;
      break;
    }
  }
  const start = colophonRunBefore(aboutStart);
  const box = new Colophon();
  for (const paragraph of [...paragraphs.slice(start, aboutStart), ...paragraphs.slice(closingRun, to)]) box.take(paragraph);
  const aboutUs: Block[] = paragraphs
    .slice(aboutStart, closingRun)
    .map((text, k) => (isAboutUsHeading(paragraphs, aboutStart + k, closingRun) ? { kind: "heading", text } : { kind: "paragraph", text }));
  return { start, box, aboutUs };
}

/**
 * The colophon of an issue from its boxes (the editorial box of the front pages, the back
 * page's) and its "about us" blocks: each contact field from the first box that prints it.
 */
export function readColophon(boxes: Colophon[], aboutUs: Block[]): { colophon: ColophonDraft; editors: string[] } {
  const contact: Contact = {};
  for (const box of boxes) for (const [field, value] of Object.entries(box.contact()) as [keyof Contact, string][]) contact[field] ??= value;
  return {
    colophon: { contact, about: aboutText(aboutUs), distribution: boxes.flatMap((b) => b.distribution()), lines: boxes.flatMap((b) => b.lines()) },
    editors: [...new Set(boxes.flatMap((b) => b.editors()))],
  };
}

/**
 * The text of "about us" blocks for publication.yaml: their paragraphs, without the headings
 * (each paragraph names its organisation) and the organisations' English names.
 */
function aboutText(blocks: Block[]): string | undefined {
  const paragraphs: string[] = [];
  for (const block of blocks) {
    if (block.kind !== "paragraph" || /^[\x20-\x7e]+$/.test(block.text)) continue;
    paragraphs.push(block.text.replace(/\s*\n\s*/g, ""));
  }
  return paragraphs.length ? paragraphs.join("\n\n") : undefined;
}
