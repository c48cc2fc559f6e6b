// The newsdesk chat page: asks over an event stream and shows answers with their citations; the chat
// is kept in the browser so that a reload continues it.
// Everything from the user, the articles or the answerer goes on the page as text, never as HTML.
import { el, button } from './dom.js';
import { browse, closeViewer, isOpen } from './viewer.js';
import { renderText, sourceList, provenance, unpinQuote } from './answer.js';
import { answerActions } from './actions.js';
import { showOverview } from './intro.js';
import { loadChat, saveChat, randomId } from './store.js';

const $ = (id) => document.getElementById(id);
const log = $('log');
const intro = $('intro');
const form = $('ask');
const input = $('question');
const send = $('send');
const banner = $('banner');
const status = $('status');

const UNREACHABLE = 'Cannot reach the newsdesk server. Check that it is running; this page keeps trying.';
let chat = loadChat();
let busy = false;
let model = null; // the chat model that writes answers, when one does
let overviewShown = false;

// ---- server status ------------------------------------------------------------------------

function showBanner(message) {
  banner.textContent = message;
  banner.hidden = false;
}

function loadOverview() {
  // Until it loads, the intro's general text stands on its own.
  showOverview(ask).catch(() => setTimeout(loadOverview, 5000));
}

async function checkHealth() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    const health = await response.json();
    banner.hidden = true;
    if (response.ok) {
      // With sign-in on, /health counts nothing (the overview says what this person may read).
      status.textContent = health.articles === undefined ? 'ready' : `ready · ${health.articles} articles`;
      status.dataset.state = 'ok';
      model = /^[^:]+:([^@]+)/.exec(health.llm || '')?.[1] || null; // "openai:gpt-4o-mini@https://…"
      if (!overviewShown) {
        overviewShown = true;
        loadOverview();
      }
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

// ---- who is signed in ---------------------------------------------------------------------

async function showWho() {
  const response = await fetch('/api/me', { cache: 'no-store' });
  if (!response.ok) return;
  const me = await response.json();
  if (!me.signedIn) return;
  if (chat.owner !== me.id) { // a chat kept for someone else who used this browser is not this person's
    const owned = chat.owner === undefined && chat.turns.length === 0;
    chat = { conversation: null, turns: [], owner: me.id };
    saveChat(chat);
    if (!owned) {
      log.querySelectorAll('.turn').forEach((t) => t.remove());
      intro.hidden = false;
    }
  }
  $('who').textContent = me.name;
  $('who').title = 'Reads: ' + me.collections.join(', ');
  $('who').hidden = false;
  $('sign-out').hidden = false;
}

async function signOut() {
  // The chat kept in this browser is this person's: it goes with them.
  saveChat({ conversation: null, turns: [] });
  const response = await fetch('/signout', { method: 'POST' });
  window.location.href = response.ok ? (await response.json()).next : '/';
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
  if (chat.conversation) params.set('conversation', chat.conversation);
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
    const kept = { id: randomId(), question, answer };
    chat.conversation = answer.conversation;
    chat.turns.push(kept);
    saveChat(chat);
    turn.answered(kept);
    finish();
  });
  events.addEventListener('error', (e) => {
    if (finished) return;
    if (e.data) { // an error event sent by the server
      turn.failed(JSON.parse(e.data).error, () => ask(question));
    } else { // the connection itself failed, or the sign-in has ended (the stream cannot say 401)
      turn.failed(UNREACHABLE, () => ask(question));
      fetch('/api/me', { cache: 'no-store' }).then((me) => {
        if (me.status === 401) window.location.href = '/signin?return=%2F';
      }).catch(() => {});
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
      renderText(body, text, sources, log);
    },
    /** Shows the kept turn {id, question, answer, vote?}. */
    answered(kept) {
      const result = kept.answer;
      answer.className = result.abstained ? 'answer abstained' : 'answer';
      if (result.abstained) {
        answer.prepend(el('p', 'label', 'Not in the articles'));
      }
      renderText(body, result.answer, result.citations, log);
      if (result.citations.length) {
        answer.append(sourceList(result));
      }
      answer.append(provenance(result, model));
      if (result.notice) answer.append(el('p', 'notice', result.notice));
      answer.append(answerActions(kept, () => saveChat(chat)));
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
$('new-chat').addEventListener('click', () => {
  if (busy) return; // the answer on its way belongs to the old conversation
  chat = { conversation: null, turns: [], owner: chat.owner };
  saveChat(chat);
  log.querySelectorAll('.turn').forEach((t) => t.remove());
  intro.hidden = false;
  input.focus();
});
$('browse').addEventListener('click', browse);
$('sign-out').addEventListener('click', signOut);
$('viewer-close').addEventListener('click', closeViewer);
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  unpinQuote();
  if (isOpen()) closeViewer();
});

// The kept chat comes back as it was left.
for (const kept of chat.turns) newTurn(kept.question).answered(kept);
intro.hidden = chat.turns.length > 0;
log.lastElementChild?.scrollIntoView({ block: 'end' });
checkHealth();
showWho().catch(() => {}); // without it the page still asks; only the name is missing
input.focus();
