/**
 * Article pages: marks the words a search result was followed for (`?highlight=…`, set by the
 * search page) wherever they occur in the article, matched as the search matched them (see
 * src/search/normalize.ts), and scrolls the first into view.
 */
import { findTermRanges, rangesByChunk } from "../search/phrase-match.ts";
import { termsFromHighlightParam } from "../search/query.ts";

/** The article's readable text nodes: what was indexed, without the hidden search metadata. */
function textNodes(root: Element): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest("[data-pagefind-ignore], [hidden], script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

function mark(node: Text, start: number, end: number): HTMLElement {
  const target = start > 0 ? node.splitText(start) : node;
  if (end - start < target.data.length) target.splitText(end - start);
  const wrapper = document.createElement("mark");
  wrapper.className = "search-highlight";
  target.replaceWith(wrapper);
  wrapper.append(target);
  return wrapper;
}

function highlight(): void {
  const terms = termsFromHighlightParam(new URLSearchParams(location.search).get("highlight"));
  const article = document.querySelector("[data-pagefind-body]");
  if (!terms.length || !article) return;
  const nodes = textNodes(article);
  const ranges = findTermRanges(nodes.map((node) => node.data).join(""), terms);
  const pieces = rangesByChunk(
    nodes.map((node) => node.data.length),
    ranges,
  );
  // Last piece first: marking splits a text node after the piece, never before it, so the
  // offsets of the pieces still to come stay right.
  const marks = pieces.reverse().map((piece) => mark(nodes[piece.chunk], piece.start, piece.end));
  marks.at(-1)?.scrollIntoView({ block: "center" });
}

highlight();
