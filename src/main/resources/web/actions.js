// Under each answer: 👍/👎, one vote per answer from this browser, logged with Slack's votes; and a
// button that copies the answer with its numbered sources as plain text.
import { el, button } from './dom.js';
import { label } from './source.js';
import { answerSays } from './answer.js';
import { browserId } from './store.js';

/** The answer and its sources as plain text, quotes left out where the answer already says them. */
export function plainText(answer) {
  const lines = [answer.answer];
  if (answer.citations.length) lines.push('', 'Sources:');
  for (const c of answer.citations) {
    lines.push(`[${c.n}] ${label(c)}`);
    if (!answerSays(answer.answer, c)) lines.push(`    “${c.quote}”`);
    if (c.url) lines.push(`    ${c.url}`);
  }
  return lines.join('\n');
}

async function copy(text) {
  if (navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http pages other than localhost have no clipboard API; a selected textarea can still be copied.
  const area = el('textarea', 'visually-hidden');
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('the browser refused');
}

/** The buttons for `turn` ({id, question, answer, vote?}); `onVoted` keeps the vote once recorded. */
export function answerActions(turn, onVoted) {
  const bar = el('div', 'answer-actions');
  const status = el('span', 'action-status');
  status.setAttribute('role', 'status');
  const voteButton = (vote, face, meaning) => {
    const b = button('vote', `${face} ${meaning}`, () => send(vote));
    b.dataset.vote = vote;
    b.setAttribute('aria-pressed', 'false');
    return b;
  };
  const votes = [voteButton('up', '👍', 'Helpful'), voteButton('down', '👎', 'Not helpful')];
  const voted = (vote) => {
    votes.forEach((b) => {
      b.disabled = true;
      b.setAttribute('aria-pressed', String(b.dataset.vote === vote));
    });
    status.textContent = 'Thanks for the feedback';
  };
  async function send(vote) {
    votes.forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          answer_id: turn.id, vote, browser: browserId(), question: turn.question, answer: turn.answer.answer,
          conversation: turn.answer.conversation, sources: [...new Set(turn.answer.citations.map((c) => c.file))],
        }),
      });
      if (!response.ok) throw new Error((await response.json()).error);
      turn.vote = vote;
      onVoted();
      voted(vote);
    } catch (e) {
      votes.forEach((b) => { b.disabled = false; });
      status.textContent = `The vote was not recorded (${e.message}).`;
    }
  }
  const copyButton = button('copy', 'Copy', async () => {
    try {
      await copy(plainText(turn.answer));
      status.textContent = 'Copied the answer and its sources';
    } catch (e) {
      status.textContent = `Could not copy (${e.message}); select the text instead.`;
    }
  });
  copyButton.title = 'Copy the answer and its numbered sources as plain text';
  bar.append(...votes, copyButton, status);
  if (turn.vote) voted(turn.vote);
  return bar;
}
