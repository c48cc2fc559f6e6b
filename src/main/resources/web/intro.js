// Before the first question: what the archive holds (articles, outlets, dates, a few headlines) and
// example questions made from it that the bot answers, all from GET /api/overview.
import { el, button } from './dom.js';
import { formatDate } from './source.js';
import { openArticle } from './viewer.js';

const holdings = document.getElementById('holdings');
const headlines = document.getElementById('headlines');
const examples = document.getElementById('examples');

function describe(o) {
  const parts = [`${o.articles} article${o.articles === 1 ? '' : 's'}`];
  if (o.outlets.length) parts.push(`from ${o.outlets.join(', ')}`);
  const from = formatDate(o.from);
  const to = formatDate(o.to);
  if (from) parts.push(from === to ? `of ${from}` : `from ${from} to ${to}`);
  return `The archive holds ${parts.join(' ')}.`;
}

/** Fills in the overview, or throws; `ask` is called with an example question when one is chosen. */
export async function showOverview(ask) {
  const response = await fetch('/api/overview');
  const overview = await response.json();
  if (!response.ok) throw new Error(overview.error);
  holdings.textContent = describe(overview);
  holdings.hidden = false;
  headlines.replaceChildren(...overview.headlines.map((h) => {
    const item = el('li');
    item.append(button('headline', h.title, () => openArticle(h.file, h.title)));
    return item;
  }));
  headlines.parentElement.hidden = !overview.headlines.length;
  examples.replaceChildren(...overview.examples.map((q) => {
    const item = el('li');
    item.append(button('example', q, () => ask(q)));
    return item;
  }));
  examples.parentElement.hidden = !overview.examples.length;
}
