// The public roadmap page: the roadmap on any day as known now, from the open data API (/public/api, no
// token), drawn with the signed-in page's lanes. No sign-in and no history: who changed what, and why, is not
// public. State lives in the address bar (?asOf=…) so that a view can be shared.

import { el } from '/ui/dom.js';
import { formatDate, language, setLanguage, t } from '/ui/i18n.js';
import { countList, renderLanes } from '/ui/roadmap.js';

const $ = (id) => document.getElementById(id);

/** The words only this page has; everything else comes from the signed-in page's dictionary. */
const MESSAGES = {
  fi: {
    pageTitle: 'Digitiekartta',
    publicIntro: 'Kaupungin digitalisaation tiekartta on julkinen asiakirja. Valitse päivä, niin näet hankkeiden '
      + 'tilanteen sinä päivänä sellaisena kuin se nyt tiedetään.',
    publicReportsIntro: 'Päättyneiden vuosien tilanne 31.12. Raportit ovat samat, jotka liitetään tilinpäätökseen.',
    reportHtml: 'Avaa vuoden {year} raportti',
    reportCsv: 'Lataa vuoden {year} raportti (CSV)',
    reportsNone: 'Yksikään tiekartan vuosi ei ole vielä päättynyt.',
    openDataHeading: 'Avoin data',
    openDataLicence: 'Tiedot ovat avointa dataa, lisenssi {license}, julkaisija {publisher}. Samat tiedot saa '
      + 'ohjelmien käyttöön rajapinnasta ilman kirjautumista.',
    roadmapCsv: 'Tiekartta valittuna päivänä taulukkona (CSV)',
    roadmapJson: 'Tiekartta valittuna päivänä ohjelmille (JSON)',
    apiDescription: 'Rajapinnan kuvaus (OpenAPI)',
    notPublic: 'Julkisia eivät ole hankkeiden vastuuhenkilöt, muutosten tekijät, muistiinpanot eivätkä muutosten '
      + 'perustelut.',
    footer: 'Digitiekartta, julkinen versio. {publisher}, {license}.',
    publicLoadFailed: 'Tiekarttaa ei saatu haettua ({status}). Yritä hetken päästä uudelleen.',
    tooMany: 'Liian monta hakua lyhyessä ajassa. Yritä uudelleen {seconds} sekunnin kuluttua.',
  },
  en: {
    pageTitle: 'Digital roadmap',
    publicIntro: "The city's digitalisation roadmap is a public document. Choose a day to see where the projects "
      + 'stood on that day, as it is known now.',
    publicReportsIntro: 'Where things stood on 31 December of each year that has ended: the reports that go with '
      + 'the financial statement.',
    reportHtml: 'Open the report for {year}',
    reportCsv: 'Download the report for {year} (CSV)',
    reportsNone: 'No year of the roadmap has ended yet.',
    openDataHeading: 'Open data',
    openDataLicence: 'The data is open data, licence {license}, published by {publisher}. Programs can fetch the '
      + 'same data from the API without signing in.',
    roadmapCsv: 'The roadmap on the chosen day as a spreadsheet (CSV)',
    roadmapJson: 'The roadmap on the chosen day for programs (JSON)',
    apiDescription: 'API description (OpenAPI)',
    notPublic: 'Not public: project owners, who made each change, notes, and the reasons for changes.',
    footer: 'Digital roadmap, public version. {publisher}, {license}.',
    publicLoadFailed: 'The roadmap could not be loaded ({status}). Please try again shortly.',
    tooMany: 'Too many requests in a short time. Please try again in {seconds} seconds.',
  },
};

function pt(key, vars = {}) {
  const own = MESSAGES[language()][key];
  if (own === undefined) {
    return t(key, vars);
  }
  return own.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

const state = { asOf: null, roadmap: null, message: null, loading: null };

/** Today in Helsinki, the roadmap's calendar. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit',
    day: '2-digit' }).format(new Date());
}

function thisYear() {
  return Number(today().slice(0, 4));
}

function translatePage() {
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = pt(node.dataset.i18n);
  });
  document.querySelectorAll('[data-i18n-attr]').forEach((node) => {
    const [attribute, key] = node.dataset.i18nAttr.split(':');
    node.setAttribute(attribute, pt(key));
  });
  document.querySelectorAll('.lang-button').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  });
}

function showMessage(key, vars = {}) {
  state.message = { key, vars };
  $('alert').textContent = pt(key, vars);
}

function clearMessage() {
  state.message = null;
  $('alert').textContent = '';
}

function announce(text) {
  $('live').textContent = text;
}

// --- the roadmap -------------------------------------------------------------------------------------------

function readAddress() {
  const asOf = new URLSearchParams(window.location.search).get('asOf');
  state.asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf || '') ? asOf : today();
  $('as-of').value = state.asOf;
}

function writeAddress(push) {
  const address = `${window.location.pathname}?${new URLSearchParams({ asOf: state.asOf })}`;
  if (address !== window.location.pathname + window.location.search) {
    window.history[push ? 'pushState' : 'replaceState'](null, '', address);
  }
}

class LoadError extends Error {
  constructor(status, retryAfter) {
    super(`HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function fetchRoadmap(asOf) {
  let response;
  try {
    response = await fetch(`/public/api/roadmap?${new URLSearchParams({ asOf })}`, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new LoadError(0);
  }
  if (!response.ok) {
    throw new LoadError(response.status, response.headers.get('Retry-After'));
  }
  return response.json();
}

async function load() {
  const asked = { asOf: state.asOf };
  state.loading = asked;
  $('main').setAttribute('aria-busy', 'true');
  document.body.dataset.loading = 'true';
  announce(t('loading'));
  try {
    const roadmap = await fetchRoadmap(asked.asOf);
    if (state.loading !== asked) {
      return; // a later request overtook this one
    }
    state.roadmap = roadmap;
    clearMessage();
    render(true);
  } catch (e) {
    if (state.loading !== asked) {
      return;
    }
    if (e.status === 429) {
      showMessage('tooMany', { seconds: e.retryAfter || '60' });
    } else if (e.status === 0) {
      showMessage('networkFailed');
    } else {
      showMessage('publicLoadFailed', { status: e.status || e.message });
    }
  } finally {
    if (state.loading === asked) {
      state.loading = null;
      $('main').removeAttribute('aria-busy');
      delete document.body.dataset.loading;
    }
  }
}

/**
 * The lanes as the signed-in page draws them, but with nothing to open: each bar becomes plain text in its
 * table cell (read with its row, the project, and its column headers, the years), not a button.
 */
function renderPublicLanes(container, roadmap) {
  const span = renderLanes(container, roadmap);
  const hint = container.querySelector('#bar-hint');
  if (hint) {
    hint.remove();
  }
  container.querySelectorAll('button.bar').forEach((button) => {
    const text = el('span', { id: button.id, class: button.className, dataset: { ...button.dataset } },
      ...button.childNodes);
    const progress = button.style.getPropertyValue('--progress');
    if (progress) {
      text.style.setProperty('--progress', progress);
    }
    button.replaceWith(text);
  });
  return span;
}

function total(roadmap) {
  return roadmap.sectors.reduce((sum, s) => sum + s.projects.length, 0);
}

function render(announceIt) {
  const roadmap = state.roadmap;
  renderOpenData(roadmap);
  if (!roadmap) {
    return;
  }
  const date = formatDate(roadmap.asOf);
  document.title = t('pageTitleOn', { date });
  $('summary-heading').textContent = t('summaryHeading', { date });
  const counts = countList(roadmap.countsByStatus || {}, t('countsLabel'));
  counts.id = 'summary-counts';
  $('summary-counts').replaceWith(counts);
  $('summary-empty').hidden = total(roadmap) !== 0;
  const span = renderPublicLanes($('lanes'), roadmap);
  renderReports($('report-links'), span);
  $('lanes').dataset.loadedAsOf = roadmap.asOf;
  if (announceIt) {
    const count = total(roadmap);
    announce(count === 0 ? t('noProjects') : t('shown', { count, date }));
  }
}

function renderOpenData(roadmap) {
  const vars = { license: roadmap ? roadmap.license : '…', publisher: roadmap ? roadmap.publisher : '…' };
  $('open-data-licence').textContent = pt('openDataLicence', vars);
  $('footer-text').textContent = pt('footer', vars);
  const query = `?${new URLSearchParams({ asOf: state.asOf })}`;
  $('roadmap-csv').href = `/public/api/roadmap.csv${query}`;
  $('roadmap-json').href = `/public/api/roadmap${query}`;
}

// --- year-end reports ----------------------------------------------------------------------------------------

/** Reports of the years the roadmap spans that have ended: a report is about 31.12. and is published after it. */
function renderReports(container, span) {
  const items = [];
  for (let year = span.first; year <= Math.min(span.last, thisYear() - 1); year += 1) {
    const address = `/public/api/reports/year-end/${year}`;
    // A plain link: the browser asks for HTML, and the report is a page of its own.
    const open = el('a', { href: address, class: 'report-open', dataset: { year } }, pt('reportHtml', { year }));
    const csv = el('a', { href: address, class: 'report-csv', dataset: { year } }, pt('reportCsv', { year }));
    csv.addEventListener('click', (event) => {
      event.preventDefault();
      downloadCsv(address, `vuosiraportti-${year}.csv`).catch((e) => showMessage('reportFailed',
        { year, status: e.status || e.message }));
    });
    items.push(el('li', {}, el('span', { class: 'report-year' }, String(year)), ' ', open, ' ', csv));
  }
  if (items.length === 0) {
    items.push(el('li', {}, pt('reportsNone')));
  }
  container.replaceChildren(...items);
}

/** A link cannot choose the format (Accept), so the CSV is fetched and handed to the browser as a file. */
async function downloadCsv(address, filename) {
  const response = await fetch(address, { headers: { Accept: 'text/csv' } });
  if (!response.ok) {
    throw new LoadError(response.status);
  }
  const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// --- controls and start ------------------------------------------------------------------------------------

function switchLanguage(lang) {
  setLanguage(lang);
  translatePage();
  if (state.message) {
    $('alert').textContent = pt(state.message.key, state.message.vars);
  }
  if (state.roadmap) {
    render(false);
  } else {
    document.title = pt('pageTitle');
    renderOpenData(null);
  }
}

function wireControls() {
  document.querySelectorAll('.lang-button').forEach((button) => {
    button.addEventListener('click', () => switchLanguage(button.dataset.lang));
  });
  $('when-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.asOf = $('as-of').value || today();
    $('as-of').value = state.asOf;
    writeAddress(true);
    renderOpenData(state.roadmap);
    load();
  });
  $('today').addEventListener('click', () => {
    $('as-of').value = today();
    $('when-form').requestSubmit();
  });
  window.addEventListener('popstate', () => {
    readAddress();
    load();
  });
}

async function start() {
  setLanguage(language());
  wireControls();
  readAddress();
  writeAddress(false);
  switchLanguage(language());
  document.body.dataset.view = 'public';
  await load();
}

start();
