// "Omat hankkeet": a signed-in owner's projects (those whose owner is the token's subject), what each open
// reporting round still needs of them (GET /api/me/reporting), and the form to report a status change
// (POST /api/projects/{id}/status-changes on the command-service, with If-Match from the project's ETag).

import { ApiError, apiGet, apiJson } from './api.js';
import { CommandError, newIdempotencyKey, sendCommand, until } from './commands.js';
import { el } from './dom.js';
import { clearFieldErrors, showFormError, showRefusal } from './forms.js';
import { STATUS_ORDER, formatDate, sectorLabel, statusLabel, statusText, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** Which fields belong to which status: shown only with it, and sent only when shown. */
const FIELD_FOR_STATUS = { progressPercent: 'IN_PROGRESS', targetYear: 'POSTPONED', scheduledFor: 'PLANNED' };

const own = {
  hooks: null, // { subject(), today(), onFailure(error), announce(text) }
  projects: null, // the owner's project views, today
  rounds: null, // open rounds with what they still need of this owner; null when not known
  roundsUnavailable: false,
  report: null, // { project, etag, key, roundAsOf, fresh: boolean }
};

export function setUpOwnView(hooks) {
  own.hooks = hooks;
  fillStatusOptions();
  $('report-status').addEventListener('change', showFieldsForStatus);
  $('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submitReport();
  });
  $('report-cancel').addEventListener('click', () => closeReport(true));
  $('own-view').addEventListener('click', (event) => {
    const button = event.target.closest('button.report-button');
    if (button) {
      openReport(button.dataset.projectId, button.dataset.asOf || null, button);
    }
  });
}

/** Loads and draws the view; failures go to the page (401 signs out, 403 explains). */
export async function loadOwnView() {
  document.body.dataset.loading = 'true';
  try {
    const [projects, rounds] = await Promise.all([loadOwnProjects(), loadOwnRounds()]);
    own.projects = projects;
    own.rounds = rounds;
    renderOwnView();
    $('own-projects').dataset.loaded = 'true';
  } catch (e) {
    own.hooks.onFailure(e);
  } finally {
    delete document.body.dataset.loading;
  }
}

async function loadOwnProjects() {
  const list = await apiJson('/api/projects', { asOf: own.hooks.today() });
  const subject = own.hooks.subject();
  return list.projects.filter((p) => p.owner === subject);
}

/**
 * The open rounds' needs. Where this server has no reporting rounds (404, or 403 from a service that refuses
 * every path it does not know) the rest of the view still shows, with a word about the rounds.
 */
async function loadOwnRounds() {
  try {
    own.roundsUnavailable = false;
    return (await apiJson('/api/me/reporting')).rounds || [];
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      own.roundsUnavailable = true;
      return [];
    }
    throw e;
  }
}

export function renderOwnView() {
  if (!own.projects) {
    return;
  }
  renderRounds();
  renderProjects();
  if (own.report) {
    renderReportHead();
    fillStatusOptions();
  }
}

function renderRounds() {
  const box = $('own-rounds');
  if (own.roundsUnavailable) {
    box.replaceChildren(el('p', { class: 'notice' }, t('roundsUnavailable')));
    return;
  }
  const needing = own.rounds.filter((round) => round.missing && round.missing.length);
  if (!needing.length) {
    box.replaceChildren(el('p', { class: 'notice', id: 'own-nothing-missing' }, t('nothingMissing')));
    return;
  }
  box.replaceChildren(...needing.map((round) => el('article', { class: 'round-need', dataset: { roundId: round.roundId } },
    el('h4', {}, round.title),
    el('p', { class: 'round-dates' }, t('roundDates', { asOf: formatDate(round.asOf), due: formatDate(round.dueDate) })),
    el('ul', { class: 'missing-list' }, round.missing.map((project) => el('li',
      { class: 'missing-project', dataset: { projectId: project.projectId } },
      el('span', { class: 'project-id' }, project.projectId), ' ', project.title, ' ',
      el('span', { class: `status-pill status-${project.status}` }, statusLabel(project.status)), ' ',
      el('button', { type: 'button', class: 'report-button secondary',
        dataset: { projectId: project.projectId, asOf: round.asOf },
        'aria-label': t('reportFor', { id: project.projectId, title: project.title }) }, t('reportButton'))))))));
}

function renderProjects() {
  const box = $('own-projects');
  if (!own.projects.length) {
    box.replaceChildren(el('p', { class: 'notice' }, t('noOwnProjects', { who: own.hooks.subject() || '?' })));
    return;
  }
  box.replaceChildren(el('table', { class: 'own-table' },
    el('caption', { class: 'visually-hidden' }, t('ownProjectsCaption')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, t('projectColumn')), el('th', { scope: 'col' }, t('sector')),
      el('th', { scope: 'col' }, t('statusColumn')), el('th', { scope: 'col' }, t('effective')),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, t('actionsColumn'))))),
    el('tbody', {}, own.projects.map((project) => el('tr', { class: 'own-project', dataset: { projectId: project.projectId } },
      el('th', { scope: 'row' }, el('span', { class: 'project-id' }, project.projectId), ' ', project.title),
      el('td', {}, sectorLabel(project.sector)),
      el('td', {}, el('span', { class: `status-pill status-${project.status}`, dataset: { status: project.status } },
        statusText(project))),
      el('td', {}, formatDate(project.effectiveDate)),
      el('td', {}, el('button', { type: 'button', class: 'report-button secondary',
        dataset: { projectId: project.projectId, asOf: roundAsOfFor(project.projectId) || '' },
        'aria-label': t('reportFor', { id: project.projectId, title: project.title }) }, t('reportButton'))))))));
}

/** The as-of day of the first open round still waiting for this project, if any. */
function roundAsOfFor(projectId) {
  const round = (own.rounds || []).find((r) => (r.missing || []).some((p) => p.projectId === projectId));
  return round ? round.asOf : null;
}

// --- the report form ---------------------------------------------------------------------------------------

function fillStatusOptions() {
  const select = $('report-status');
  const chosen = select.value;
  select.replaceChildren(...STATUS_ORDER.map((code) => el('option', { value: code }, statusLabel(code))));
  if (chosen) {
    select.value = chosen;
  }
}

function showFieldsForStatus() {
  const status = $('report-status').value;
  Object.entries(FIELD_FOR_STATUS).forEach(([field, onlyWith]) => {
    const control = $('report-form').querySelector(`[data-field="${field}"]`);
    control.closest('.field').hidden = status !== onlyWith;
  });
}

async function openReport(projectId, roundAsOf, opener) {
  const project = own.projects.find((p) => p.projectId === projectId);
  if (!project) {
    return;
  }
  own.report = { project, etag: null, key: newIdempotencyKey(), roundAsOf, opener };
  const form = $('report-form');
  form.reset();
  form.dataset.etag = '';
  clearFieldErrors(form);
  $('report-status').value = project.status;
  $('report-effective-date').value = defaultEffectiveDate(roundAsOf);
  $('report-panel').hidden = false;
  renderReportHead();
  showFieldsForStatus();
  $('report-heading').focus();
  await refreshReportedProject();
}

/** The round's as-of day where a round waits for this project (never after today: no change is dated ahead). */
function defaultEffectiveDate(roundAsOf) {
  const today = own.hooks.today();
  return roundAsOf && roundAsOf < today ? roundAsOf : today;
}

/** The project as the read side knows it now, with the ETag the next command is based on. */
async function refreshReportedProject() {
  const report = own.report;
  try {
    const response = await apiGet(`/api/projects/${encodeURIComponent(report.project.projectId)}`,
      { asOf: own.hooks.today() });
    const project = await response.json();
    if (own.report !== report) {
      return null;
    }
    report.project = project;
    report.etag = response.headers.get('ETag') || (project.version != null ? `"${project.version}"` : null);
    $('report-form').dataset.etag = report.etag || '';
    renderReportHead();
    return project;
  } catch (e) {
    own.hooks.onFailure(e);
    return null;
  }
}

function renderReportHead() {
  const { project } = own.report;
  $('report-heading').textContent = t('reportHeading', { id: project.projectId, title: project.title });
  $('report-current').textContent = t('reportCurrent', { status: statusText(project),
    date: formatDate(project.effectiveDate) });
}

function closeReport(returnFocus) {
  const report = own.report;
  own.report = null;
  $('report-panel').hidden = true;
  clearFieldErrors($('report-form'));
  if (returnFocus && report) {
    const again = [...document.querySelectorAll('#own-projects button.report-button')]
      .find((b) => b.dataset.projectId === report.project.projectId);
    (again || $('own-heading')).focus();
  }
}

function reportBody() {
  const body = { status: $('report-status').value };
  const text = (id) => $(id).value.trim();
  const number = (id) => (text(id) === '' ? undefined : Number(text(id)));
  const fields = {
    effectiveDate: text('report-effective-date') || undefined,
    progressPercent: number('report-progress'),
    targetYear: number('report-target-year'),
    scheduledFor: text('report-scheduled-for') || undefined,
    unit: text('report-unit') || undefined,
    note: text('report-note') || undefined,
    reason: text('report-reason') || undefined,
  };
  Object.entries(fields).forEach(([name, value]) => {
    const onlyWith = FIELD_FOR_STATUS[name];
    if (value !== undefined && (!onlyWith || onlyWith === body.status)) {
      body[name] = value;
    }
  });
  return body;
}

async function submitReport() {
  const report = own.report;
  const form = $('report-form');
  clearFieldErrors(form);
  $('own-saved').textContent = ''; // what was said of an earlier report is not news of this one
  const submit = $('report-submit');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const headers = { 'Idempotency-Key': report.key };
    if (report.etag) {
      headers['If-Match'] = report.etag;
    }
    const answer = await sendCommand(`/api/projects/${encodeURIComponent(report.project.projectId)}/status-changes`,
      reportBody(), headers);
    await afterReported(report, answer.body.version);
  } catch (e) {
    reportFailed(report, e);
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** The read side follows within moments: wait for the project's new version, then draw the view anew. */
async function afterReported(report, version) {
  own.hooks.announce(t('reportSaving'));
  const projectId = report.project.projectId;
  await until(async () => {
    const project = await apiJson(`/api/projects/${encodeURIComponent(projectId)}`, { asOf: own.hooks.today() });
    return project.version >= version;
  });
  // The round's count follows from the same event, in its own projection: give it the same moment.
  const effective = $('report-effective-date').value || own.hooks.today();
  await until(async () => {
    const rounds = await loadOwnRounds();
    return !rounds.some((r) => r.asOf >= effective && (r.missing || []).some((p) => p.projectId === projectId));
  }, { attempts: 20 });
  closeReport(false);
  await loadOwnView();
  const again = [...document.querySelectorAll('#own-projects button.report-button')]
    .find((b) => b.dataset.projectId === projectId);
  (again || $('own-heading')).focus();
  own.hooks.announce(t('reportSaved', { id: projectId }));
  $('own-saved').textContent = t('reportSaved', { id: projectId });
}

async function reportFailed(report, error) {
  const form = $('report-form');
  if (!(error instanceof CommandError)) {
    showFormError(form, t('commandFailed', { status: error.message }));
    return;
  }
  if (error.status === 0) {
    // Nobody knows whether it arrived: the same key again records it once.
    showFormError(form, t('reportNoAnswer'));
    return;
  }
  report.key = newIdempotencyKey(); // answered: the next try is a new request
  if (error.status === 401) {
    own.hooks.onFailure(error);
  } else if (error.status === 412) {
    // The read side may not have the other change yet: wait (briefly) for a version newer than the one sent.
    const sent = report.etag;
    let fresh = null;
    await until(async () => {
      fresh = await refreshReportedProject();
      return fresh !== null && report.etag !== sent;
    }, { attempts: 20 });
    showFormError(form, t('changedMeanwhile', { status: fresh ? statusText(fresh) : '?' }));
    form.querySelector('.form-error').focus();
  } else {
    showRefusal(form, error);
  }
}

export function resetOwnView() {
  own.projects = null;
  own.rounds = null;
  if (own.report) {
    closeReport(false);
  }
  $('own-rounds').replaceChildren();
  $('own-projects').replaceChildren();
  delete $('own-projects').dataset.loaded;
  $('own-saved').textContent = '';
}
