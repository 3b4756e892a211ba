// The roadmap page: signs in, asks the query API for the roadmap on the chosen day, draws it, and opens a
// project's history. An owner also has "Omat hankkeet" (own.js: what the reporting rounds need, and reporting),
// a coordinator the reporting rounds (rounds.js). State lives in the address bar
// (?view=…&asOf=…&knownAt=…&sector=…&status=…) so that a view, filtered or not, can be shared. A long roadmap
// comes in pages of ROADMAP_PAGE_SIZE projects, more on "Näytä lisää"; the totals are the whole (filtered) roadmap's.

import { ApiError, ROADMAP_PAGE_SIZE, loadRoadmapPage, loadSectors } from './api.js';
import {
  SignInError, beginOidcSignIn, completeOidcSignIn, currentToken, hasExpiredToken, isOidcCallback, signOut,
  signedInIdentity, takeTokenFromFragment, takeTokenFromText, whoIsSignedIn,
} from './auth.js';
import { setCommandUrl } from './commands.js';
import { el } from './dom.js';
import { closeHistory, openHistory, rerenderHistory, setUpHistory } from './history.js';
import {
  STATUS_ORDER, formatDate, formatUtc, language, sectorLabel, setLanguage, statusLabel, t, translateStatic,
} from './i18n.js';
import { renderReports } from './reports.js';
import { countList, countTotal, projectsById, renderLanes, shownCount, withPage } from './roadmap.js';
import { loadOwnView, renderOwnView, resetOwnView, setUpOwnView } from './own.js';
import { loadRoundsView, renderRoundsView, resetRoundsView, setUpRoundsView, stopRoundsRefresh } from './rounds.js';

const $ = (id) => document.getElementById(id);

/** The page's views, and who is offered each (the services decide what is allowed; this only hides the futile). */
const VIEWS = {
  roadmap: () => true,
  own: (roles) => roles.includes('OWNER'),
  rounds: (roles) => ['COORDINATOR', 'MANAGEMENT', 'AUDITOR'].some((role) => roles.includes(role)),
};

const state = {
  config: { oidc: null, commandUrl: '' },
  view: null, // asked for in the address bar: 'roadmap', 'own', 'rounds', or null for the signed-in person's default
  asOf: null, // ISO date
  knownAt: null, // ISO instant (UTC) or null
  sector: null, // a sector's code, or null for every sector
  status: null, // a status code, or null for every status
  sectors: [], // { sector, label } of the roadmap, for the sector filter
  roadmap: null, // the pages shown so far, merged (roadmap.js withPage); nextCursor asks for the next
  roadmapFilter: null, // { sector, status } the roadmap shown was asked with
  loadingMore: false,
  message: null, // { key, vars }
  loading: null,
};

/** Today in Helsinki, the roadmap's calendar. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit',
    day: '2-digit' }).format(new Date());
}

// --- messages --------------------------------------------------------------------------------------------

function showMessage(key, vars = {}) {
  state.message = { key, vars };
  renderMessage();
}

function clearMessage() {
  state.message = null;
  renderMessage();
}

function renderMessage() {
  // The alert region stays in the page (empty when quiet), so that screen readers announce what appears in it.
  $('alert').textContent = state.message ? t(state.message.key, state.message.vars) : '';
}

function announce(text) {
  $('live').textContent = text;
}

// --- the two states of the page: signed out, and the roadmap ------------------------------------------------

function showSignIn(messageKey) {
  closeHistory();
  state.roadmap = null;
  resetOwnView();
  resetRoundsView();
  $('roadmap-view').hidden = true;
  $('own-view').hidden = true;
  $('rounds-view').hidden = true;
  $('views').hidden = true;
  $('account').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-local').hidden = Boolean(state.config.oidc);
  $('sign-in-oidc').hidden = !state.config.oidc;
  document.body.dataset.view = 'sign-in';
  if (messageKey) {
    showMessage(messageKey);
  }
}

/** The view to show: the one asked for where this person is offered it, else their default. */
function chosenView() {
  const { roles } = signedInIdentity();
  if (state.view && VIEWS[state.view] && VIEWS[state.view](roles)) {
    return state.view;
  }
  return VIEWS.own(roles) ? 'own' : 'roadmap';
}

function showView(view) {
  const { roles } = signedInIdentity();
  $('sign-in').hidden = true;
  $('views').hidden = false;
  Object.keys(VIEWS).forEach((name) => {
    $(`${name}-view`).hidden = name !== view;
    const link = $(`nav-${name}`);
    link.closest('li').hidden = !VIEWS[name](roles);
    link.hidden = !VIEWS[name](roles);
    if (name === view) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  if (view !== 'rounds') {
    stopRoundsRefresh();
  }
  $('account').hidden = false;
  $('account-name').textContent = t('signedInAs', { who: whoIsSignedIn() || '?' });
  document.body.dataset.view = view;
}

/** 401 sends the page back to signing in; 403 keeps the page but says why nothing is shown. */
function handleFailure(error) {
  if (error instanceof ApiError && error.status === 401) {
    signOut();
    showSignIn('expired');
    $('sign-in-heading').focus();
  } else if (error instanceof ApiError && error.status === 403) {
    if (document.body.dataset.view === 'roadmap') {
      clearRoadmap();
    }
    showMessage('forbidden');
  } else if (error instanceof ApiError && error.status === 0) {
    showMessage('networkFailed');
  } else {
    showMessage('loadFailed', { status: error instanceof ApiError ? error.status : error.message });
  }
}

// --- the roadmap -------------------------------------------------------------------------------------------

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  state.view = VIEWS[params.get('view')] ? params.get('view') : null;
  const asOf = params.get('asOf');
  const knownAt = params.get('knownAt');
  state.asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf || '') ? asOf : today();
  state.knownAt = knownAt && !Number.isNaN(Date.parse(knownAt)) ? knownAt : null;
  state.sector = params.get('sector') || null; // the server names an unknown one (400)
  state.status = STATUS_ORDER.includes(params.get('status')) ? params.get('status') : null;
  $('as-of').value = state.asOf;
  renderFilters();
  $('known-at').value = state.knownAt ? state.knownAt.replace(/(\.\d+)?Z$/, '').slice(0, 19) : '';
}

function writeAddress(push) {
  const params = new URLSearchParams();
  if (state.view) {
    params.set('view', state.view);
  }
  params.set('asOf', state.asOf);
  if (state.knownAt) {
    params.set('knownAt', state.knownAt);
  }
  if (state.sector) {
    params.set('sector', state.sector);
  }
  if (state.status) {
    params.set('status', state.status);
  }
  const address = `${window.location.pathname}?${params}`;
  if (address !== window.location.pathname + window.location.search) {
    window.history[push ? 'pushState' : 'replaceState'](null, '', address);
  }
}

async function load() {
  if (!currentToken()) {
    showSignIn(hasExpiredToken() ? 'expired' : null);
    return;
  }
  const view = chosenView();
  showView(view);
  if (view === 'own') {
    clearMessage();
    await loadOwnView();
    return;
  }
  if (view === 'rounds') {
    clearMessage();
    await loadRoundsView();
    return;
  }
  const asked = { asOf: state.asOf, knownAt: state.knownAt, sector: state.sector, status: state.status };
  state.loading = asked;
  $('main').setAttribute('aria-busy', 'true');
  document.body.dataset.loading = 'true';
  announce(t('loading'));
  try {
    const roadmap = await loadRoadmapPage(asked);
    // A roadmap of one sector lists only that one: the others to choose from come from the whole roadmap.
    const sectors = asked.sector && !roadmap.fallback ? await loadSectors(roadmap.asOf, roadmap.knownAt)
      : roadmap.sectors.map(({ sector, label }) => ({ sector, label }));
    if (state.loading !== asked) {
      return; // a later request overtook this one
    }
    state.roadmap = roadmap;
    state.roadmapFilter = { sector: asked.sector, status: asked.status };
    state.sectors = sectors;
    clearMessage();
    renderFilters();
    renderRoadmap(true);
  } catch (e) {
    if (state.loading === asked) {
      handleFailure(e);
    }
  } finally {
    if (state.loading === asked) {
      state.loading = null;
      $('main').removeAttribute('aria-busy');
      delete document.body.dataset.loading;
    }
  }
}

/** Nothing shown rather than a roadmap this token may no longer see. */
function clearRoadmap() {
  state.roadmap = null;
  $('more').hidden = true;
  $('summary-filter').hidden = true;
  $('summary-heading').textContent = '';
  $('summary-counts').replaceChildren();
  $('lanes').replaceChildren();
  $('report-links').replaceChildren();
  document.title = t('pageTitle');
}

/** The whole (filtered) roadmap's number of projects, however many of its pages are shown. */
function total(roadmap) {
  return countTotal(roadmap.countsByStatus);
}

/** The filter's options, in the page's language, the chosen ones selected. */
function renderFilters() {
  const sectorSelect = $('sector-filter');
  const sectors = [...state.sectors];
  if (state.sector && !sectors.some((s) => s.sector === state.sector)) {
    sectors.push({ sector: state.sector, label: null }); // asked for in the address, not (yet) known to the page
  }
  sectorSelect.replaceChildren(el('option', { value: '' }, t('allSectors')),
    ...sectors.map((s) => el('option', { value: s.sector }, sectorLabel(s.sector, s.label))));
  sectorSelect.value = state.sector || '';
  const statusSelect = $('status-filter');
  statusSelect.replaceChildren(el('option', { value: '' }, t('allStatuses')),
    ...STATUS_ORDER.map((status) => el('option', { value: status }, statusLabel(status))));
  statusSelect.value = state.status || '';
}

/** What the roadmap shown is narrowed to, in words; null when it is not. */
function filterText() {
  const { sector, status } = state.roadmapFilter || {};
  const parts = [];
  if (sector) {
    const known = state.sectors.find((s) => s.sector === sector);
    parts.push(sectorLabel(sector, known && known.label));
  }
  if (status) {
    parts.push(statusLabel(status));
  }
  return parts.length ? parts.join(', ') : null;
}

function renderRoadmap(announceIt) {
  const roadmap = state.roadmap;
  if (!roadmap) {
    return;
  }
  const date = formatDate(roadmap.asOf);
  document.title = t('pageTitleOn', { date });
  $('summary-heading').textContent = t('summaryHeading', { date });
  const knownAt = $('summary-known-at');
  knownAt.hidden = !state.knownAt;
  knownAt.textContent = state.knownAt ? t('summaryKnownAt', { instant: formatUtc(roadmap.knownAt) }) : '';
  const filter = filterText();
  $('summary-filter').hidden = !filter;
  $('summary-filter').textContent = filter ? t('summaryFilter', { filter }) : '';
  $('fallback-notice').hidden = !roadmap.fallback;
  const counts = countList(roadmap.countsByStatus || {}, t('countsLabel'));
  counts.id = 'summary-counts';
  $('summary-counts').replaceWith(counts);
  const count = total(roadmap);
  const empty = t(filter ? 'noProjectsFiltered' : 'noProjects');
  $('summary-empty').hidden = count !== 0;
  $('summary-empty').textContent = empty;
  const span = renderLanes($('lanes'), roadmap);
  renderReports($('report-links'), span, reportFailed);
  $('lanes').dataset.loadedAsOf = roadmap.asOf;
  const shown = shownCount(roadmap);
  $('more').hidden = !roadmap.nextCursor;
  $('shown-of-total').textContent = t('shownOfTotal', { shown, total: count });
  $('show-more').textContent = t('showMore');
  if (announceIt) {
    const whole = t(state.knownAt ? 'shownKnownAt' : 'shown', { count, date, instant: formatUtc(roadmap.knownAt) });
    const part = shown < count ? ` ${t('shownOfTotal', { shown, total: count })}` : '';
    announce(count === 0 ? empty : whole + part);
  }
}

/**
 * The next page of the roadmap shown, asked with its day, its instant (the first page's knownAt: every page of one
 * roadmap) and its filter, appended to its lanes; focus moves to the first project it brought.
 */
async function showMore() {
  const roadmap = state.roadmap;
  if (!roadmap || !roadmap.nextCursor || state.loadingMore) {
    return;
  }
  state.loadingMore = true;
  $('show-more').setAttribute('aria-disabled', 'true');
  document.body.dataset.loading = 'true';
  announce(t('loadingMore'));
  try {
    const page = await loadRoadmapPage({ asOf: roadmap.asOf, knownAt: roadmap.knownAt, ...state.roadmapFilter,
      cursor: roadmap.nextCursor, limit: ROADMAP_PAGE_SIZE });
    if (state.roadmap !== roadmap) {
      return; // another roadmap was asked for meanwhile
    }
    const firstNew = page.sectors.flatMap((s) => s.projects)[0];
    state.roadmap = withPage(roadmap, page);
    renderRoadmap(false);
    announce(t('shownOfTotal', { shown: shownCount(state.roadmap), total: total(state.roadmap) }));
    const bar = firstNew && [...document.querySelectorAll('button.bar')]
      .find((b) => b.dataset.projectId === firstNew.projectId);
    if (bar) {
      bar.focus();
    }
  } catch (e) {
    handleFailure(e);
  } finally {
    state.loadingMore = false;
    $('show-more').removeAttribute('aria-disabled');
    if (!state.loading) {
      delete document.body.dataset.loading;
    }
  }
}

function reportFailed(error, year) {
  if (error instanceof ApiError && error.status === 401) {
    handleFailure(error);
  } else if (error instanceof ApiError && error.status === 403) {
    showMessage('forbidden'); // the roadmap itself may still be this token's to see
  } else {
    showMessage('reportFailed', { year, status: error instanceof ApiError ? error.status : error.message });
  }
}

function openProject(button) {
  const project = state.roadmap && projectsById(state.roadmap).get(button.dataset.projectId);
  if (!project) {
    return;
  }
  const sectorLabels = new Map(state.roadmap.sectors.map((s) => [s.sector, s.label]));
  openHistory(project, { asOf: state.roadmap.asOf, knownAt: state.knownAt, sectorLabels }, button, handleFailure);
}

// --- controls ----------------------------------------------------------------------------------------------

function knownAtFromInput() {
  const value = $('known-at').value;
  if (!value) {
    return null;
  }
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}Z`;
}

function wireControls() {
  document.querySelectorAll('.lang-button').forEach((button) => {
    button.addEventListener('click', () => switchLanguage(button.dataset.lang));
  });
  $('when-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.asOf = $('as-of').value || today();
    $('as-of').value = state.asOf;
    state.knownAt = knownAtFromInput();
    state.sector = $('sector-filter').value || null;
    state.status = $('status-filter').value || null;
    writeAddress(true);
    load();
  });
  $('today').addEventListener('click', () => {
    $('as-of').value = today();
    $('known-at').value = '';
    $('when-form').requestSubmit();
  });
  $('show-more').addEventListener('click', showMore);
  $('lanes').addEventListener('click', (event) => {
    const button = event.target.closest('button.bar');
    if (button) {
      openProject(button);
    }
  });
  $('views').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-view]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a new tab or window gets the address as it is
    }
    event.preventDefault();
    state.view = link.dataset.view;
    writeAddress(true);
    load().then(() => {
      const heading = $(`${state.view === 'roadmap' ? 'summary' : state.view}-heading`);
      if (heading && state.view !== 'roadmap') {
        heading.focus();
      }
    });
  });
  $('sign-out').addEventListener('click', () => {
    signOut();
    showSignIn('signedOut');
    $('sign-in-heading').focus();
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('token-input');
    if (!takeTokenFromText(input.value)) {
      showMessage('tokenInvalid');
      input.focus();
      return;
    }
    input.value = '';
    clearMessage();
    load();
  });
  $('oidc-sign-in').addEventListener('click', () => {
    beginOidcSignIn(state.config.oidc).catch((e) => showMessage('signInFailed', { reason: e.message }));
  });
  window.addEventListener('popstate', () => {
    readAddress();
    load();
  });
  setUpHistory((projectId) => [...document.querySelectorAll('button.bar')]
    .find((b) => b.dataset.projectId === projectId));
  const hooks = { onFailure: handleFailure, announce, today };
  setUpOwnView({ ...hooks, subject: () => signedInIdentity().subject });
  setUpRoundsView({ ...hooks, canManage: () => signedInIdentity().roles.includes('COORDINATOR') });
}

function switchLanguage(lang) {
  setLanguage(lang);
  renderLanguage();
}

function renderLanguage() {
  document.querySelectorAll('.lang-button').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  });
  translateStatic();
  renderFilters();
  renderMessage();
  if (['roadmap', 'own', 'rounds'].includes(document.body.dataset.view)) {
    $('account-name').textContent = t('signedInAs', { who: whoIsSignedIn() || '?' });
  }
  renderOwnView();
  renderRoundsView();
  if (state.roadmap) {
    const focusedBar = document.activeElement && document.activeElement.closest
      && document.activeElement.closest('button.bar');
    renderRoadmap(false);
    if (focusedBar) {
      const again = [...document.querySelectorAll('button.bar')]
        .find((b) => b.dataset.projectId === focusedBar.dataset.projectId);
      if (again) {
        again.focus();
      }
    }
  } else {
    document.title = t('pageTitle');
  }
  rerenderHistory();
}

// --- start -------------------------------------------------------------------------------------------------

async function start() {
  setLanguage(language());
  wireControls();
  renderLanguage();
  takeTokenFromFragment();
  try {
    const response = await fetch('/ui-config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    state.config = await response.json();
    setCommandUrl(state.config.commandUrl);
  } catch (e) {
    showMessage('configFailed');
  }
  if (state.config.oidc && isOidcCallback()) {
    try {
      await completeOidcSignIn(state.config.oidc);
    } catch (e) {
      showSignIn();
      showMessage('signInFailed', { reason: e instanceof SignInError ? e.message : String(e) });
      return;
    }
  }
  readAddress();
  writeAddress(false);
  await load();
}

start();
