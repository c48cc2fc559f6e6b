// How a cited article is named and quoted: "Outlet · 22 May 2024 · Headline", and the quote with the
// short answer in it marked. Offsets count code points, as Array.from does.
import { el, externalLink } from './dom.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "22 May 2024" from an ISO-8601 date, read as written (no time zone can move it to another day). */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : null;
}

/** "Outlet · 22 May 2024" as far as the article's metadata goes, or "" without any. */
export function outletAndDate(c) {
  return [c.source, formatDate(c.published)].filter(Boolean).join(' · ');
}

/** The whole label as plain text, for tooltips and copies. */
export function label(c) {
  return [outletAndDate(c), c.title].filter(Boolean).join(' · ');
}

/** The label as nodes: the headline links to the original article when its address is known. */
export function labelNodes(c) {
  const known = outletAndDate(c);
  const headline = externalLink('original', c.title, c.url) || el('span', 'headline', c.title);
  if (headline.tagName === 'A') headline.title = 'Open the original article in a new tab';
  return known ? [el('span', 'outlet', known + ' · '), headline] : [headline];
}

/** The quote, with its short answer marked when the citation says where it is. */
export function quoteNodes(c) {
  const points = Array.from(c.quote);
  const from = c.answer_start - c.start;
  const to = c.answer_end - c.start;
  if (!(from >= 0 && to > from && to <= points.length)) return [c.quote];
  return [points.slice(0, from).join(''), el('mark', 'short-answer', points.slice(from, to).join('')),
    points.slice(to).join('')];
}
