// The roadmap as the source document draws it: a lane per sector, years as columns, each project a bar over
// its planned years, coloured by status and always labelled with it (colour is never the only carrier).
// Each lane is a section with a heading and a real table, so that screen readers can move by lane and read
// each bar with its row (the project) and its column headers (the years it spans).

import { el, idFor } from './dom.js';
import { STATUS_ORDER, formatDate, sectorLabel, statusLabel, statusText, t } from './i18n.js';

const DEFAULT_YEARS = { first: 2022, last: 2025 };

/**
 * The years to draw: those the projects are planned over. Projects without planned years belong to the
 * roadmap's own period, 2022–2025, so while there are any, that period is drawn too.
 */
export function yearSpan(roadmap) {
  const projects = roadmap.sectors.flatMap((s) => s.projects);
  const years = projects.flatMap((p) => [p.plannedStartYear, p.plannedEndYear]).filter((y) => Number.isInteger(y));
  if (projects.some((p) => !Number.isInteger(p.plannedStartYear) && !Number.isInteger(p.plannedEndYear))
      || years.length === 0) {
    years.push(DEFAULT_YEARS.first, DEFAULT_YEARS.last);
  }
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** Columns (0-based from the first year) a project's bar covers; unplanned ends take the span's ends. */
function barColumns(project, span) {
  const start = Number.isInteger(project.plannedStartYear) ? project.plannedStartYear : span.first;
  const end = Number.isInteger(project.plannedEndYear) ? project.plannedEndYear : span.last;
  const from = Math.max(span.first, Math.min(start, end));
  const to = Math.min(span.last, Math.max(start, end));
  return { from: from - span.first, to: to - span.first };
}

export function countList(counts, label) {
  const list = el('ul', { class: 'counts', 'aria-label': label });
  STATUS_ORDER.filter((status) => counts[status]).forEach((status) => {
    list.append(el('li', { class: `chip status-${status}`, dataset: { status } },
      el('span', { class: 'chip-label' }, statusLabel(status)), ' ',
      el('span', { class: 'chip-count' }, counts[status])));
  });
  Object.keys(counts).filter((status) => !STATUS_ORDER.includes(status)).forEach((status) => {
    list.append(el('li', { class: 'chip' }, `${status} ${counts[status]}`));
  });
  return list;
}

function unitsLine(project) {
  if (!project.units || project.units.length === 0) {
    return null;
  }
  return el('span', { class: 'project-units' },
    project.units.map((u) => `${u.unit}: ${statusText(u)}`).join(' · '));
}

function bar(project) {
  const nameId = idFor('name', project.projectId);
  const barId = idFor('bar', project.projectId);
  const button = el('button', {
    type: 'button', id: barId, class: `bar status-${project.status}`,
    dataset: { projectId: project.projectId, status: project.status },
    'aria-haspopup': 'dialog', 'aria-labelledby': `${nameId} ${barId}`, 'aria-describedby': 'bar-hint',
  }, el('span', { class: 'bar-text' }, statusText(project)));
  if (project.status === 'IN_PROGRESS' && Number.isInteger(project.progressPercent)) {
    // CSSOM, not a style attribute: the page's policy allows no inline styles.
    button.style.setProperty('--progress', `${Math.max(0, Math.min(100, project.progressPercent))}%`);
    button.classList.add('has-progress');
  }
  return button;
}

function projectRow(project, span) {
  const years = span.last - span.first + 1;
  const { from, to } = barColumns(project, span);
  const row = el('tr', { dataset: { projectId: project.projectId } },
    el('th', { scope: 'row', class: 'project' },
      el('span', { id: idFor('name', project.projectId), class: 'project-name' },
        el('span', { class: 'project-id' }, project.projectId), ' ',
        el('span', { class: 'project-title' }, project.title)),
      unitsLine(project)));
  for (let i = 0; i < from; i += 1) {
    row.append(el('td', { class: 'empty' }));
  }
  row.append(el('td', { class: 'bar-cell', colspan: to - from + 1 }, bar(project)));
  for (let i = to + 1; i < years; i += 1) {
    row.append(el('td', { class: 'empty' }));
  }
  return row;
}

function lane(sector, span, asOf) {
  const name = sectorLabel(sector.sector, sector.label);
  const total = countTotal(sector.countsByStatus);
  const shown = sector.projects.length;
  const headingId = idFor('lane-heading', sector.sector);
  const selectedYear = Number(asOf.slice(0, 4));
  const columns = el('colgroup', {}, el('col', { class: 'col-project' }));
  const headRow = el('tr', {}, el('th', { scope: 'col', class: 'project' }, t('projectColumn')));
  for (let year = span.first; year <= span.last; year += 1) {
    const selected = year === selectedYear;
    columns.append(el('col', { class: selected ? 'col-year selected-year' : 'col-year' }));
    headRow.append(el('th', { scope: 'col', class: selected ? 'year selected-year' : 'year', dataset: { year } },
      String(year),
      selected ? el('span', { class: 'year-marker', 'aria-hidden': 'true' }, `◆ ${formatDate(asOf)}`) : null));
  }
  const section = el('section', { class: 'lane', id: idFor('lane', sector.sector), 'aria-labelledby': headingId,
    dataset: { sector: sector.sector } },
  el('div', { class: 'lane-head' },
    el('h2', { id: headingId },
      el('span', { class: 'lane-name' }, name), ' ',
      el('span', { class: 'lane-total' }, t('projectsCount', { count: total }))),
    countList(sector.countsByStatus || {}, t('laneCountsLabel', { sector: name }))));
  if (shown === 0) {
    section.append(el('p', { class: 'lane-empty' }, t(total === 0 ? 'laneEmpty' : 'laneNotYetShown')));
    return section;
  }
  section.append(el('div', { class: 'table-wrap' },
    el('table', { class: 'gantt' },
      el('caption', { class: 'visually-hidden' }, t('laneCaption', { sector: name })),
      columns,
      el('thead', {}, headRow),
      el('tbody', {}, sector.projects.map((p) => projectRow(p, span))))));
  if (shown < total) {
    section.append(el('p', { class: 'lane-empty' }, t('shownOfTotal', { shown, total })));
  }
  return section;
}

/** Replaces the lanes in container with those of roadmap. */
export function renderLanes(container, roadmap) {
  const span = yearSpan(roadmap);
  container.replaceChildren(
    el('p', { id: 'bar-hint', class: 'visually-hidden' }, t('openHistory')),
    ...roadmap.sectors.map((sector) => lane(sector, span, roadmap.asOf)));
  container.dataset.asOf = roadmap.asOf;
  return span;
}

/** How many projects counts (a countsByStatus) count: the totals of a roadmap of which only pages are shown. */
export function countTotal(counts) {
  return Object.values(counts || {}).reduce((sum, count) => sum + count, 0);
}

/** How many projects of the roadmap are shown (its pages so far). */
export function shownCount(roadmap) {
  return roadmap.sectors.reduce((sum, s) => sum + s.projects.length, 0);
}

/**
 * The roadmap with a further page's projects appended to their sectors (a page lists the same sectors, with the
 * same counts), and the page's nextCursor.
 */
export function withPage(roadmap, page) {
  const added = new Map(page.sectors.map((s) => [s.sector, s.projects]));
  return {
    ...roadmap,
    sectors: roadmap.sectors.map((s) => ({ ...s, projects: [...s.projects, ...(added.get(s.sector) || [])] })),
    nextCursor: page.nextCursor,
  };
}

/** Every project of the roadmap, by id. */
export function projectsById(roadmap) {
  return new Map(roadmap.sectors.flatMap((s) => s.projects).map((p) => [p.projectId, p]));
}
