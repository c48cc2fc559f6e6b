// An answer on the page: its text with [n] markers that show their quote, and its numbered sources.
// A sentence is printed once per answer: a source's quote that the answer already says is left out.
import { el, button, externalLink } from './dom.js';
import { label, labelNodes, quoteNodes } from './source.js';
import { openSource } from './viewer.js';

const MARKER = /\[(\d+)\]/g;
// Where the article would cover the whole chat (the phone layout), a first tap shows the quote instead.
const narrow = window.matchMedia('(max-width: 760px)');
let pinned = null; // the marker whose quote a tap has opened
let lastPointer = 'mouse';
document.addEventListener('pointerdown', (e) => { lastPointer = e.pointerType; }, true);
document.addEventListener('click', (e) => {
  if (pinned && !pinned.contains(e.target)) unpinQuote();
});

export function unpinQuote() {
  if (pinned) pinned.classList.remove('pinned');
  pinned = null;
}

/** The answer's words without markers or spacing differences, to compare with quotes. */
function words(text) {
  return text.replace(MARKER, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether the answer text already says this citation's whole quote. */
export function answerSays(answerText, c) {
  return words(answerText).includes(words(c.quote));
}

/** Answer text with each [n] turned into a marker that shows its quote and opens its source. */
export function renderText(container, text, citations, log) {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    parts.push(document.createTextNode(text.slice(last, m.index)));
    const citation = byNumber.get(Number(m[1]));
    parts.push(citation ? citationMarker(citation, log) : document.createTextNode(m[0]));
    last = m.index + m[0].length;
  }
  parts.push(document.createTextNode(text.slice(last)));
  container.replaceChildren(...parts);
}

function citationMarker(c, log) {
  const wrap = el('span', 'cite');
  const read = () => {
    unpinQuote();
    wrap.classList.add('quiet'); // the quote would otherwise stay over the answer while the article is read
    openSource(c);
  };
  const open = button('cite-marker', `[${c.n}]`, () => {
    const tapFirst = lastPointer !== 'mouse' || narrow.matches;
    if (!tapFirst || pinned === wrap) {
      read();
      return;
    }
    unpinQuote();
    pinned = wrap;
    wrap.classList.add('pinned');
  });
  open.setAttribute('aria-label', `Source ${c.n}: ${label(c)}`);
  const tip = el('span', 'tip');
  tip.setAttribute('role', 'tooltip');
  const links = el('span', 'tip-links');
  links.append(button('tip-open', 'Open article', read));
  const original = externalLink('tip-original', 'Original ↗', c.url);
  if (original) links.append(original);
  tip.append(el('q', null), el('span', 'tip-source', label(c)), links);
  tip.firstChild.append(...quoteNodes(c));
  wrap.append(open, tip);
  // The log clips what overflows it: near its top, show the quote below the marker instead.
  const place = () => wrap.classList.toggle('below',
    open.getBoundingClientRect().top - log.getBoundingClientRect().top < 180);
  wrap.addEventListener('mouseenter', place);
  wrap.addEventListener('focusin', place);
  wrap.addEventListener('mouseleave', () => wrap.classList.remove('quiet'));
  return wrap;
}

/** The numbered sources of an answer, with a note where several reports carry the same statement. */
export function sourceList(result) {
  const box = el('div', 'sources');
  box.append(el('h3', null, 'Sources'));
  // An answer that already says "(2 reports agree.)" needs no note saying it again.
  const said = /\b\d+ reports agree\b/.test(result.answer);
  for (const group of said ? [] : agreeingGroups(result)) {
    const note = el('p', 'agree', `${group.length} reports agree: `);
    group.forEach((c) => note.append(button('cite-marker', `[${c.n}]`, () => openSource(c)), ' '));
    box.append(note);
  }
  // One entry per article: a headline said once however many of its sentences are cited.
  const list = el('ol');
  const byFile = new Map();
  for (const c of result.citations) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c);
  }
  for (const cited of byFile.values()) {
    const item = el('li');
    item.value = cited[0].n;
    const head = el('p', 'source-head');
    for (const c of cited) {
      const n = button('source-n', `[${c.n}]`, () => openSource(c));
      n.title = 'Read the quote in the article';
      head.append(n, ' ');
    }
    head.append(...labelNodes(cited[0]));
    item.append(head);
    for (const c of cited.filter((c) => !answerSays(result.answer, c))) {
      const quote = el('blockquote');
      quote.append(...quoteNodes(c));
      item.append(quote);
    }
    list.append(item);
  }
  box.append(list);
  return box;
}

/** Citations the answer puts side by side ("[1][2]") from different files: one statement, several reports. */
function agreeingGroups(result) {
  const byNumber = new Map(result.citations.map((c) => [c.n, c]));
  const groups = [];
  for (const run of result.answer.match(/(\[\d+\]\s*){2,}/g) || []) {
    const cited = [...run.matchAll(/\d+/g)].map((m) => byNumber.get(Number(m[0]))).filter(Boolean);
    if (new Set(cited.map((c) => c.file)).size > 1) groups.push(cited);
  }
  return groups;
}

/** Who wrote the answer, in words; the time it took is in the tooltip. */
export function provenance(result, model) {
  const text = result.mode === 'llm'
    ? `Written by ${model || 'a language model'}, checked against the articles`
    : 'Quoted from the articles';
  const meta = el('p', 'meta', text);
  meta.title = `Answered in ${Math.round(result.ms)} ms`;
  return meta;
}
