// The history panel: a modal dialog with a project's every recorded change as a timeline, in recording
// order. Escape closes it (the dialog's own behaviour) and focus goes back to the bar that opened it.

import { ApiError, apiJson } from './api.js';
import { el, idFor } from './dom.js';
import { changeTypeLabel, formatDate, formatInstant, sectorLabel, statusText, t } from './i18n.js';

const dialog = () => document.getElementById('history');

let shown = null; // { project, context, history, error, opener }

/**
 * Opens the panel for project (a project view from the roadmap), context { asOf, knownAt }.
 * onAuthFailure(error) is called for 401/403, which the page as a whole answers.
 */
export async function openHistory(project, context, opener, onAuthFailure) {
  shown = { project, context, history: null, error: null, opener };
  render();
  const panel = dialog();
  if (!panel.open) {
    panel.showModal();
  }
  document.getElementById('history-close').focus();
  const asked = shown;
  try {
    asked.history = await apiJson(`/api/projects/${encodeURIComponent(project.projectId)}/history`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      closeHistory();
      onAuthFailure(e);
      return;
    }
    asked.error = e instanceof ApiError ? e.status : '?';
  }
  if (shown === asked) {
    render();
  }
}

export function closeHistory() {
  const panel = dialog();
  if (panel.open) {
    panel.close();
  }
}

/** Wires the close button and the return of focus; once, at start. */
export function setUpHistory(findOpener) {
  const panel = dialog();
  document.getElementById('history-close').addEventListener('click', closeHistory);
  panel.addEventListener('close', () => {
    const previous = shown;
    shown = null;
    if (previous) {
      // The bar may have been drawn anew meanwhile (language switch): find it by project.
      const target = (previous.opener && previous.opener.isConnected) ? previous.opener
        : findOpener(previous.project.projectId);
      if (target) {
        target.focus();
      }
    }
  });
  // A click on the backdrop (outside the panel) closes it too.
  panel.addEventListener('click', (event) => {
    if (event.target === panel) {
      const box = panel.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right
        && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) {
        closeHistory();
      }
    }
  });
}

/** Draws the panel again in the current language, if it is open. */
export function rerenderHistory() {
  if (shown) {
    render();
  }
}

function render() {
  const { project, context, history, error } = shown;
  document.getElementById('history-heading').textContent = `${project.projectId} ${project.title}`;
  const body = document.getElementById('history-body');
  body.replaceChildren(currentState(project, context));
  if (error !== null) {
    body.append(el('p', { class: 'alert-inline', role: 'alert' }, t('historyFailed', { status: error })));
  } else if (history === null) {
    body.append(el('p', { class: 'loading', role: 'status' }, t('historyLoading')));
  } else {
    body.append(timeline(project, history.changes, context));
  }
}

function currentState(project, context) {
  const years = Number.isInteger(project.plannedStartYear) || Number.isInteger(project.plannedEndYear)
    ? `${project.plannedStartYear ?? '…'}–${project.plannedEndYear ?? '…'}` : t('notPlanned');
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, t('current', { date: formatDate(context.asOf) })),
    el('dd', {}, el('span', { class: `status-pill status-${project.status}` }, statusText(project))),
    el('dt', {}, t('sector')), el('dd', {}, sectorLabel(project.sector, context.sectorLabels.get(project.sector))),
    el('dt', {}, t('owner')), el('dd', {}, project.owner || t('noOwner')),
    el('dt', {}, t('plannedYears')), el('dd', {}, years));
  if (project.units && project.units.length) {
    facts.append(el('dt', {}, t('units')),
      el('dd', {}, project.units.map((u) => `${u.unit}: ${statusText(u)}`).join(' · ')));
  }
  if (project.note) {
    facts.append(el('dt', {}, t('note')), el('dd', {}, project.note));
  }
  if (project.description) {
    facts.append(el('dt', {}, t('description')), el('dd', {}, project.description));
  }
  return facts;
}

function changeRef(change) {
  return t('changeRef', { sequence: change.sequence });
}

function timeline(project, changes, context) {
  const bySequenceId = new Map(changes.map((c) => [c.changeId, c]));
  const heading = el('h3', { id: 'timeline-heading', class: 'timeline-heading' }, t('historyTitle'));
  const list = el('ol', { class: 'timeline' });
  changes.forEach((change) => {
    const anchor = idFor(`change-${change.sequence}`, project.projectId);
    const superseded = Boolean(change.supersededBy);
    const item = el('li', { id: anchor, class: `change type-${change.type}${superseded ? ' superseded' : ''}`,
      dataset: { changeId: change.changeId, type: change.type } });
    item.append(el('h4', { class: 'change-title' },
      el('span', { class: 'change-type' }, changeTypeLabel(change.type)), ' ',
      el('span', { class: 'change-number' }, `(${t('changeNumber', { sequence: change.sequence })})`),
      superseded ? el('span', { class: 'badge' }, t('supersededBadge')) : null));
    if (change.status) {
      item.append(el('p', { class: 'change-status' },
        el('span', { class: `status-pill status-${change.status}` }, statusText(change)),
        change.unit ? ` ${t('unit')}: ${change.unit}` : null));
    }
    const facts = el('dl', { class: 'change-facts' },
      el('dt', {}, t('effective')), el('dd', {}, el('time', { datetime: change.effectiveDate }, formatDate(change.effectiveDate))),
      el('dt', {}, t('recorded')), el('dd', {}, el('time', { datetime: change.recordedAt }, formatInstant(change.recordedAt))),
      el('dt', {}, t('actor')), el('dd', {}, change.actor || '–'));
    if (change.reason) {
      facts.append(el('dt', {}, t('reason')), el('dd', {}, change.reason));
    }
    if (change.note) {
      facts.append(el('dt', {}, t('note')), el('dd', {}, change.note));
    }
    detailFacts(change).forEach((node) => facts.append(node));
    item.append(facts);
    if (change.corrects) {
      const target = bySequenceId.get(change.corrects);
      item.append(el('p', { class: 'link-line' }, linkTo(project, target,
        change.type === 'RETRACTED' ? 'retracts' : 'corrects', change.corrects)));
    }
    if (change.supersededBy) {
      item.append(el('p', { class: 'link-line' }, linkTo(project, bySequenceId.get(change.supersededBy),
        'supersededBy', change.supersededBy)));
    }
    if (context.knownAt && Date.parse(change.recordedAt) > Date.parse(context.knownAt)) {
      item.append(el('p', { class: 'aside' }, t('afterKnownAt')));
    } else if (change.effectiveDate && change.effectiveDate > context.asOf) {
      item.append(el('p', { class: 'aside' }, t('afterAsOf')));
    }
    list.append(item);
  });
  return el('section', { class: 'timeline-section', 'aria-labelledby': 'timeline-heading' },
    heading, list);
}

function linkTo(project, target, key, changeId) {
  if (!target) {
    return t(key, { ref: changeId });
  }
  const href = `#${idFor(`change-${target.sequence}`, project.projectId)}`;
  const link = el('a', { href }, changeRef(target));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const destination = document.querySelector(href);
    if (destination) {
      destination.setAttribute('tabindex', '-1');
      destination.focus();
    }
  });
  const [before, after] = t(key, { ref: '\u0000' }).split('\u0000');
  return [before, link, after];
}

/** What a registration or a revision set: title, owner, planned years, description. */
function detailFacts(change) {
  const details = change.details;
  if (!details || change.type === 'STATUS_CHANGED') {
    return [];
  }
  const nodes = [];
  const add = (key, value) => {
    if (value !== null && value !== undefined && value !== '') {
      nodes.push(el('dt', {}, t(key)), el('dd', {}, value));
    }
  };
  add('title', details.title);
  add('owner', details.owner);
  if (Number.isInteger(details.plannedStartYear) || Number.isInteger(details.plannedEndYear)) {
    add('plannedYears', `${details.plannedStartYear ?? '…'}–${details.plannedEndYear ?? '…'}`);
  }
  add('description', details.description);
  return nodes;
}
