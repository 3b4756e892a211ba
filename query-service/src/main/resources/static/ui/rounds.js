// "Raportointikierrokset": each reporting round with how many projects have reported and how many are missing,
// per sector, and the missing projects with their owners (GET /api/reporting-rounds[/{id}] on this service).
// A coordinator opens a round (POST /api/reporting-rounds) and closes an open one (.../{id}/close) on the
// command-service. While the view is shown it is asked for again every little while, so that an owner's report
// shows without a reload.

import { ApiError, apiJson } from './api.js';
import { CommandError, newIdempotencyKey, sendCommand, until } from './commands.js';
import { el, idFor } from './dom.js';
import { clearFieldErrors, showFormError, showRefusal } from './forms.js';
import { formatDate, formatInstant, sectorLabel, statusLabel, t } from './i18n.js';
import { fetchDocument } from './reports.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 10000;

const rounds = {
  hooks: null, // { canManage(), onFailure(error), announce(text) }
  list: null, // round details, newest first
  unavailable: false,
  timer: null,
  openKey: null,
};

export function setUpRoundsView(hooks) {
  rounds.hooks = hooks;
  rounds.openKey = newIdempotencyKey();
  $('open-round-form').addEventListener('submit', (event) => {
    event.preventDefault();
    openRound();
  });
  $('rounds-refresh').addEventListener('click', () => loadRoundsView());
  $('rounds-list').addEventListener('click', (event) => {
    const button = event.target.closest('button.close-round');
    if (button) {
      closeRound(button.dataset.roundId, button);
    }
  });
}

export async function loadRoundsView({ quiet = false } = {}) {
  $('open-round').hidden = !rounds.hooks.canManage();
  if (!quiet) {
    document.body.dataset.loading = 'true';
  }
  try {
    const list = await fetchRounds();
    // A refresh that brings no news leaves the view as it is: nothing moves under the reader's eyes or focus.
    const news = JSON.stringify(list) !== JSON.stringify(rounds.list);
    rounds.list = list;
    if (news || !quiet) {
      renderRoundsView();
    }
    $('rounds-list').dataset.loadedAt = String(Date.now());
  } catch (e) {
    if (!quiet) {
      rounds.hooks.onFailure(e);
    }
  } finally {
    if (!quiet) {
      delete document.body.dataset.loading;
    }
  }
  scheduleRefresh();
}

async function fetchRounds() {
  let summaries;
  try {
    const answer = await apiJson('/api/reporting-rounds');
    summaries = Array.isArray(answer) ? answer : (answer.rounds || []);
    rounds.unavailable = false;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      rounds.unavailable = true;
      return [];
    }
    throw e;
  }
  const details = await Promise.all(summaries.map((s) => apiJson(`/api/reporting-rounds/${encodeURIComponent(s.roundId)}`)));
  // Open rounds first, then by as-of day, latest first.
  return details.sort((a, b) => (a.state === b.state ? String(b.asOf).localeCompare(String(a.asOf))
    : (a.state === 'OPEN' ? -1 : 1)));
}

function scheduleRefresh() {
  window.clearTimeout(rounds.timer);
  rounds.timer = window.setTimeout(() => {
    if (document.body.dataset.view === 'rounds' && !document.hidden) {
      loadRoundsView({ quiet: true });
    }
  }, REFRESH_MS);
}

export function stopRoundsRefresh() {
  window.clearTimeout(rounds.timer);
}

export function renderRoundsView() {
  if (!rounds.list) {
    return;
  }
  const box = $('rounds-list');
  if (rounds.unavailable) {
    box.replaceChildren(el('p', { class: 'notice' }, t('roundsUnavailable')));
    return;
  }
  if (!rounds.list.length) {
    box.replaceChildren(el('p', { class: 'notice' }, t('noRounds')));
    return;
  }
  const focusedClose = document.activeElement && document.activeElement.closest
    && document.activeElement.closest('button.close-round');
  box.replaceChildren(...rounds.list.map(renderRound));
  if (focusedClose) {
    const again = box.querySelector(`button.close-round[data-round-id="${CSS.escape(focusedClose.dataset.roundId)}"]`);
    if (again) {
      again.focus();
    }
  }
}

function renderRound(round) {
  const headingId = idFor('round', round.roundId);
  const missing = (round.projects || []).filter((p) => !p.reported);
  const open = round.state === 'OPEN';
  return el('section', { class: `round round-${round.state}`, 'aria-labelledby': headingId,
    dataset: { roundId: round.roundId, state: round.state } },
  el('div', { class: 'round-head' },
    el('h3', { id: headingId }, round.title, ' ',
      el('span', { class: `round-state state-${round.state}` }, t(open ? 'roundOpen' : 'roundClosed'))),
    open && rounds.hooks.canManage()
      ? el('button', { type: 'button', class: 'close-round secondary', dataset: { roundId: round.roundId },
        'aria-label': t('closeRoundNamed', { title: round.title }) }, t('closeRound'))
      : null),
  el('p', { class: 'round-dates' }, t('roundDates', { asOf: formatDate(round.asOf), due: formatDate(round.dueDate) }),
    round.closedAt ? ` ${t('roundClosedAt', { instant: formatInstant(round.closedAt) })}` : ''),
  el('p', { class: 'round-totals' }, t('roundTotals', { reported: round.reported, missing: round.missing })),
  el('p', { class: 'round-report' }, reportLink(round, 'text/html', 'roundReportOpen'), ' ',
    reportLink(round, 'text/csv', 'roundReportCsv')),
  el('table', { class: 'sector-table' },
    el('caption', {}, t('bySectorCaption', { title: round.title })),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, t('sector')), el('th', { scope: 'col' }, t('reportedColumn')),
      el('th', { scope: 'col' }, t('missingColumn')))),
    el('tbody', {}, (round.sectors || []).map((s) => el('tr', { class: 'sector-row', dataset: { sector: s.sector } },
      el('th', { scope: 'row' }, sectorLabel(s.sector)),
      el('td', { class: 'reported-count' }, String(s.reported)),
      el('td', { class: 'missing-count' }, String(s.missing)))))),
  missing.length
    ? el('div', { class: 'missing' },
      el('h4', {}, t('missingHeading', { count: missing.length })),
      el('ul', { class: 'missing-list' }, missing.map((p) => el('li', { class: 'missing-project',
        dataset: { projectId: p.projectId } },
      el('span', { class: 'project-id' }, p.projectId), ' ', p.title ? `${p.title}, ` : '', sectorLabel(p.sector), ', ',
      t('ownerIs', { owner: p.owner || t('noOwner') }), ' ',
      el('span', { class: `status-pill status-${p.status}` }, statusLabel(p.status))))))
    : el('p', { class: 'notice all-reported' }, t('allReported')));
}

/** The round's status report (provisional while the round is open), fetched with the token like the year-end's. */
function reportLink(round, type, key) {
  const path = `/api/reporting-rounds/${encodeURIComponent(round.roundId)}/report`;
  const csv = type === 'text/csv';
  const link = el('a', { href: path, class: csv ? 'round-report-csv' : 'round-report-open' },
    t(key, { title: round.title }));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    fetchDocument(path, type, `raportointikierros-${round.asOf}.${csv ? 'csv' : 'html'}`, csv)
      .catch((e) => rounds.hooks.onFailure(e));
  });
  return link;
}

// --- opening and closing -------------------------------------------------------------------------------------

async function openRound() {
  const form = $('open-round-form');
  clearFieldErrors(form);
  $('rounds-saved').textContent = ''; // what was said of an earlier command is not news of this one
  const body = {};
  [['title', 'round-title'], ['asOf', 'round-as-of'], ['dueDate', 'round-due']].forEach(([field, id]) => {
    const value = $(id).value.trim();
    if (value) {
      body[field] = value;
    }
  });
  const submit = $('open-round-submit');
  submit.disabled = true;
  try {
    const answer = await sendCommand('/api/reporting-rounds', body, { 'Idempotency-Key': rounds.openKey });
    rounds.openKey = newIdempotencyKey();
    const roundId = answer.body && answer.body.roundId;
    await until(async () => {
      await apiJson(`/api/reporting-rounds/${encodeURIComponent(roundId)}`);
      return true;
    });
    form.reset();
    await loadRoundsView();
    rounds.hooks.announce(t('roundOpened', { title: body.title }));
    $('rounds-saved').textContent = t('roundOpened', { title: body.title });
  } catch (e) {
    commandFailed(form, e, () => { rounds.openKey = newIdempotencyKey(); });
  } finally {
    submit.disabled = false;
  }
}

async function closeRound(roundId, button) {
  const form = $('open-round-form');
  $('rounds-saved').textContent = '';
  button.disabled = true;
  try {
    await sendCommand(`/api/reporting-rounds/${encodeURIComponent(roundId)}/close`, null,
      { 'Idempotency-Key': newIdempotencyKey() });
    await until(async () => (await apiJson(`/api/reporting-rounds/${encodeURIComponent(roundId)}`)).state === 'CLOSED');
    await loadRoundsView();
    const round = rounds.list && rounds.list.find((r) => r.roundId === roundId);
    const text = t('roundClosedNow', { title: round ? round.title : roundId });
    rounds.hooks.announce(text);
    $('rounds-saved').textContent = text;
    $('rounds-heading').focus();
  } catch (e) {
    button.disabled = false;
    if (e instanceof CommandError && e.status === 409) {
      showFormError(form, '');
      rounds.hooks.announce(t('roundAlreadyClosed'));
      $('rounds-saved').textContent = t('roundAlreadyClosed');
      await loadRoundsView();
    } else {
      commandFailed(form, e, () => {});
    }
  }
}

function commandFailed(form, error, answered) {
  if (!(error instanceof CommandError)) {
    showFormError(form, t('commandFailed', { status: error.message }));
    return;
  }
  if (error.status === 0) {
    showFormError(form, t('reportNoAnswer'));
    return;
  }
  answered();
  if (error.status === 401) {
    rounds.hooks.onFailure(error);
  } else {
    showRefusal(form, error);
  }
}

export function resetRoundsView() {
  stopRoundsRefresh();
  rounds.list = null;
  $('rounds-list').replaceChildren();
  delete $('rounds-list').dataset.loadedAt;
  $('rounds-saved').textContent = '';
}
