// The source viewer: an article's full text, with a cited quote highlighted and scrolled into view.
import { el, button, externalLink } from './dom.js';
import { outletAndDate, quoteNodes } from './source.js';

const viewer = document.getElementById('viewer');
const viewerTitle = document.getElementById('viewer-title');
const viewerFile = document.getElementById('viewer-file');
const viewerMeta = document.getElementById('viewer-meta');
const viewerBody = document.getElementById('viewer-body');
const articles = new Map(); // file -> Promise of {title, text, points: the text as code points}
let viewerRequest = 0; // the latest view opened wins when several load at once

export function isOpen() {
  return !viewer.hidden;
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  return body;
}

function article(file) {
  if (!articles.has(file)) {
    const loading = getJson('/api/sources/' + file.split('/').map(encodeURIComponent).join('/')) // "collection/file.md" keeps its slash
      .then((source) => ({ ...source, points: Array.from(source.text) }));
    loading.catch(() => articles.delete(file)); // let a later click try again
    articles.set(file, loading);
  }
  return articles.get(file);
}

/** Outlet, date and a link to the original, as far as the citation knows them. */
function metaNodes(c) {
  const known = outletAndDate(c);
  const original = externalLink('original', 'Original article ↗', c.url);
  return [known, known && original ? ' · ' : '', original || ''];
}

/**
 * Shows in the viewer the nodes (strings become text nodes) that `load` resolves to, or why they
 * could not be loaded; `about` holds what is known of the article besides its title and file.
 * Resolves to false when another view was opened or the viewer closed meanwhile.
 */
async function view(title, file, load, about = {}) {
  viewer.hidden = false;
  viewerTitle.textContent = title;
  viewerFile.textContent = file;
  viewerMeta.replaceChildren(...metaNodes(about));
  viewerBody.replaceChildren(el('p', 'muted', 'Loading…'));
  const request = ++viewerRequest;
  let nodes;
  try {
    nodes = await load();
  } catch (e) {
    nodes = [el('p', 'error', `Could not load it: ${e.message}`)];
  }
  if (request !== viewerRequest) return false;
  viewerBody.replaceChildren(...nodes);
  return true;
}

/** Opens the cited article with the quote highlighted; offsets count code points, as Array.from does. */
export async function openSource(c) {
  const mark = el('mark', 'quote');
  const shown = await view(c.title, c.file, async () => {
    const { points } = await article(c.file);
    mark.append(...quoteNodes(c));
    return [points.slice(0, c.start).join(''), mark, points.slice(c.end).join('')];
  }, c);
  if (shown && mark.isConnected) mark.scrollIntoView({ block: 'center' });
}

export function openArticle(file, title) {
  view(title, file, async () => [(await article(file)).text]);
}

export function browse() {
  view('Articles', '', async () => {
    const list = el('ul', 'article-list');
    for (const s of await getJson('/api/sources')) {
      const item = el('li');
      item.append(button('source-title', s.title, () => openArticle(s.file, s.title)),
        el('span', 'file', `${s.file} · ${s.chunks} passages`));
      list.append(item);
    }
    return [list];
  });
}

export function closeViewer() {
  viewer.hidden = true;
  viewerRequest++; // a view still loading must not reopen it
}
