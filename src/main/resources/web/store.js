// What the page keeps in the browser: the open chat (its conversation id and turns), so that a reload
// brings it back, and this browser's id, so that it votes once per answer. Storage can be full or
// switched off; the page then works as before, it just forgets.

const CHAT = 'newsdesk.chat';
const BROWSER = 'newsdesk.browser';
const MAX_TURNS = 50; // enough to scroll back through, well within the storage quota

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // full or disabled storage: nothing to do but not keep it
  }
}

/** The kept chat: {conversation, turns: [{id, question, answer, vote?}]}. */
export function loadChat() {
  const chat = read(CHAT);
  if (!chat || !Array.isArray(chat.turns)) return { conversation: null, turns: [] };
  // What another version of the page kept, or someone edited, is dropped rather than half shown.
  chat.turns = chat.turns.filter((t) => t && typeof t.question === 'string' && t.answer
    && typeof t.answer.answer === 'string' && Array.isArray(t.answer.citations));
  return chat;
}

export function saveChat(chat) {
  chat.turns = chat.turns.slice(-MAX_TURNS);
  write(CHAT, chat);
}

export function randomId() {
  // crypto.getRandomValues, unlike crypto.randomUUID, also exists on plain-http hosts other than localhost.
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function browserId() {
  let id = read(BROWSER);
  if (typeof id !== 'string') {
    id = randomId();
    write(BROWSER, id);
  }
  return id;
}
