// The newsdesk chat page: asks over an event stream and shows answers with their citations.
// Everything from the user, the articles or the answerer goes on the page as text, never as HTML.
import { el, button } from './dom.js';
import { openSource, browse, closeViewer, isOpen } from './viewer.js';

const $ = (id) => document.getElementById(id);
const log = $('log');
const intro = $('intro');
const form = $('ask');
const input = $('question');
const send = $('send');
const banner = $('banner');
const status = $('status');

const UNREACHABLE = 'Cannot reach the newsdesk server. Check that it is running; this page keeps trying.';
let conversation = null;
let busy = false;

// ---- server status ------------------------------------------------------------------------

function showBanner(message) {
  banner.textContent = message;
  banner.hidden = false;
}

async function checkHealth() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    const health = await response.json();
    banner.hidden = true;
    if (response.ok) {
      status.textContent = `ready · ${health.articles} articles`;
      status.dataset.state = 'ok';
      return;
    }
    status.textContent = 'loading the index…';
    status.dataset.state = 'wait';
    setTimeout(checkHealth, 2000);
  } catch (e) {
    status.textContent = 'offline';
    status.dataset.state = 'down';
    showBanner(UNREACHABLE);
    setTimeout(checkHealth, 5000);
  }
}

// ---- asking -------------------------------------------------------------------------------

function ask(question) {
  question = question.trim();
  if (!question || busy) return;
  busy = true;
  send.disabled = true;
  intro.hidden = true;
  const turn = newTurn(question);
  const params = new URLSearchParams({ question });
  if (conversation) params.set('conversation', conversation);
  const events = new EventSource('/api/chat/stream?' + params);
  let sources = [];
  let text = '';
  let finished = false;
  const finish = () => {
    finished = true;
    events.close(); // EventSource would otherwise reconnect and ask again
    busy = false;
    send.disabled = false;
    input.focus();
  };
  events.addEventListener('sources', (e) => {
    sources = JSON.parse(e.data);
  });
  events.addEventListener('delta', (e) => {
    text += JSON.parse(e.data).text;
    turn.streaming(text, sources);
  });
  events.addEventListener('done', (e) => {
    const answer = JSON.parse(e.data);
    conversation = answer.conversation;
    turn.answered(answer);
    finish();
  });
  events.addEventListener('error', (e) => {
    if (finished) return;
    if (e.data) { // an error event sent by the server
      turn.failed(JSON.parse(e.data).error, () => ask(question));
    } else { // the connection itself failed
      turn.failed(UNREACHABLE, () => ask(question));
      showBanner(UNREACHABLE);
      checkHealth();
    }
    finish();
  });
}

/** Adds a question and its (pending) answer to the log; returns how to fill in the answer. */
function newTurn(question) {
  const turn = el('article', 'turn');
  turn.append(el('p', 'question', question));
  const answer = el('div', 'answer pending');
  const body = el('p', 'answer-text', 'Searching the articles…');
  answer.append(body);
  turn.append(answer);
  log.append(turn);
  turn.scrollIntoView({ block: 'end' });
  return {
    streaming(text, sources) {
      renderText(body, text, sources);
    },
    answered(result) {
      answer.className = result.abstained ? 'answer abstained' : 'answer';
      if (result.abstained) {
        answer.prepend(el('p', 'label', 'Not in the articles'));
      }
      renderText(body, result.answer, result.citations);
      if (result.citations.length) {
        answer.append(sourceList(result));
      }
      const meta = el('p', 'meta', `${result.mode} · ${Math.round(result.ms)} ms`);
      answer.append(meta);
      if (result.notice) answer.append(el('p', 'notice', result.notice));
      turn.scrollIntoView({ block: 'start' }); // read the answer from its question down
    },
    failed(message, retry) {
      answer.className = 'answer failed';
      body.textContent = message;
      answer.append(button('retry', 'Try again', () => {
        turn.remove();
        retry();
      }));
    },
  };
}

/** Answer text with each [n] turned into a marker that shows its quote and opens its source. */
function renderText(container, text, citations) {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const parts = [];
  const marker = /\[(\d+)\]/g;
  let last = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    parts.push(document.createTextNode(text.slice(last, m.index)));
    const citation = byNumber.get(Number(m[1]));
    parts.push(citation ? citationMarker(citation) : document.createTextNode(m[0]));
    last = marker.lastIndex;
  }
  parts.push(document.createTextNode(text.slice(last)));
  container.replaceChildren(...parts);
}

function citationMarker(c) {
  const wrap = el('span', 'cite');
  const open = button('cite-marker', `[${c.n}]`, () => openSource(c));
  open.setAttribute('aria-label', `Source ${c.n}: ${c.title}`);
  const tip = el('span', 'tip');
  tip.setAttribute('role', 'tooltip');
  tip.append(el('q', null, c.quote), el('span', 'tip-source', c.title));
  wrap.append(open, tip);
  // The log clips what overflows it: near its top, show the quote below the marker instead.
  const place = () => wrap.classList.toggle('below',
    open.getBoundingClientRect().top - log.getBoundingClientRect().top < 180);
  wrap.addEventListener('mouseenter', place);
  wrap.addEventListener('focusin', place);
  return wrap;
}

/** The numbered sources of an answer, with a note where several reports carry the same statement. */
function sourceList(result) {
  const box = el('div', 'sources');
  box.append(el('h3', null, 'Sources'));
  for (const group of agreeingGroups(result)) {
    const note = el('p', 'agree', `${group.length} reports agree: `);
    group.forEach((c) => note.append(button('cite-marker', `[${c.n}]`, () => openSource(c)), ' '));
    box.append(note);
  }
  const list = el('ol');
  for (const c of result.citations) {
    const item = el('li');
    item.value = c.n;
    const head = button('source-title', '', () => openSource(c));
    head.append(el('span', 'n', `[${c.n}] `), el('span', null, c.title));
    item.append(head, el('blockquote', null, c.quote), el('span', 'file', c.file));
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

// ---- wiring -------------------------------------------------------------------------------

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const question = input.value;
  if (!question.trim() || busy) return;
  input.value = '';
  input.style.height = '';
  ask(question);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', () => { // grow with the question, up to the CSS max-height
  input.style.height = '';
  input.style.height = input.scrollHeight + 'px';
});
document.querySelectorAll('.example').forEach((b) => b.addEventListener('click', () => ask(b.textContent)));
$('new-chat').addEventListener('click', () => {
  if (busy) return; // the answer on its way belongs to the old conversation
  conversation = null;
  log.querySelectorAll('.turn').forEach((t) => t.remove());
  intro.hidden = false;
  input.focus();
});
$('browse').addEventListener('click', browse);
$('viewer-close').addEventListener('click', closeViewer);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && isOpen()) closeViewer();
});

checkHealth();
input.focus();
