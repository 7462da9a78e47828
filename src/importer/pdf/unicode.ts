/**
 * Characters as the reader should see them. Fonts map several code points to one glyph, and a
 * PDF's ToUnicode table then names whichever it likes: Chromium's, for the Noto CJK fonts,
 * names the Kangxi radical ⽰ (U+2F70) for 示 and the supplement's ⻋ (U+2ECB) for 车. Running
 * text never means the radicals, so they are mapped back to the ideographs (Unicode's
 * EquivalentUnifiedIdeograph.txt), as are compatibility ideographs (U+F900–U+FAFF, NFC).
 * Full-width punctuation and forms are kept as printed.
 */

/** CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph each stands for. */
// prettier-ignore
const SUPPLEMENT: Record<string, string> = {
  "⺁": "厂", "⺂": "乛", "⺃": "乚", "⺄": "乙", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜", "⺌": "小",
  "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌",
  "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺",
  "⺣": "灬", "⺤": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示",
  "⺭": "礻", "⺯": "糹", "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺶": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿",
  "⺼": "肉", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西",
  "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝",
  "⻐": "钅", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦",
  "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼",
  "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐", "⻭": "歯",
  "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
};

/**
 * Kangxi radicals whose NFKC form is a traditional character, where the simplified Chinese
 * fonts draw (and so mean) the simplified one.
 */
const SIMPLIFIED: Record<string, string> = { "⼾": "户", "⾭": "青" };

const RADICAL_OR_COMPATIBILITY = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\u2015]/g;

export function readableText(text: string): string {
  return text.replace(RADICAL_OR_COMPATIBILITY, (char) => {
    // The fonts draw the dash of 2024—2026 and of ——, U+2014, with the glyph of U+2015.
    if (char === "\u2015") return "\u2014";
    const code = char.charCodeAt(0);
    if (code < 0x2f00) return SUPPLEMENT[char] ?? char;
    if (SIMPLIFIED[char]) return SIMPLIFIED[char];
    // Kangxi radicals decompose to the ideographs under NFKC, compatibility ideographs under NFC.
    return char.normalize(code < 0x3000 ? "NFKC" : "NFC");
  });
}

/** Han ideographs, CJK punctuation and full-width forms: text that takes no spaces between its characters. */
export const CJK_CHAR = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·《》]/u;
