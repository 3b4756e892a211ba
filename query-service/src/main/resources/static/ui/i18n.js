// The page's words in Finnish (the default) and English. Finnish status labels come from the API where it
// gives them (statusLabel); the rest follow the status vocabulary in docs/STATUS-VOCABULARY.md.

const STORAGE_KEY = 'tiekartta.lang';
const LANGUAGES = ['fi', 'en'];

const MESSAGES = {
  fi: {
    pageTitle: 'Digitiekartta',
    pageTitleOn: 'Digitiekartta {date}',
    pageDescription: 'Digitiekartta: kaupungin digitalisaatiohankkeet toimialoittain ja vuosittain, kunkin hankkeen '
      + 'tila minä päivänä tahansa, sen muutoshistoria ja vuosiraportit tilinpäätökseen.',
    subtitle: 'Digitalisaation edistämisen tiekartta: hankkeet toimialoittain ja vuosittain',
    skipLink: 'Siirry pääsisältöön',
    languageNav: 'Kieli',
    signedInAs: 'Kirjautuneena: {who}',
    signOut: 'Kirjaudu ulos',
    signInHeading: 'Kirjaudu sisään',
    signInLocal: 'Tiekartta näytetään vain kirjautuneille. Avaa kirjautumislinkki, jonka bin/run tulostaa '
      + '(muotoa http://localhost:8082/#token=…), tai liitä linkki tai tunniste tähän.',
    signInOidc: 'Tiekartta näytetään vain kirjautuneille. Kirjaudu organisaation tunnuksilla.',
    signInButton: 'Kirjaudu sisään',
    tokenLabel: 'Kirjautumislinkki tai tunniste (token)',
    tokenSubmit: 'Kirjaudu',
    tokenInvalid: 'Linkistä ei löytynyt tunnistetta. Liitä koko kirjautumislinkki tai pelkkä tunniste.',
    expired: 'Kirjautumisesi on vanhentunut tai sitä ei hyväksytty. Kirjaudu uudelleen.',
    forbidden: 'Tunnuksellasi ei ole oikeutta nähdä tätä tietoa (403). Pyydä käyttöoikeutta '
      + 'digikoordinaatioryhmältä.',
    signInFailed: 'Kirjautuminen epäonnistui: {reason}',
    signedOut: 'Olet kirjautunut ulos.',
    loadFailed: 'Tietojen haku epäonnistui ({status}). Yritä hetken päästä uudelleen.',
    networkFailed: 'Palvelimeen ei saatu yhteyttä. Yritä hetken päästä uudelleen.',
    configFailed: 'Sivun asetuksia ei saatu haettua.',
    loading: 'Haetaan tiekarttaa…',
    whenHeading: 'Ajankohta ja rajaus',
    asOfLabel: 'Tilanne päivänä',
    knownAtLabel: 'Tiedossa hetkellä (UTC, valinnainen)',
    knownAtHelp: 'Jätä tyhjäksi, niin näytetään kaikki tähän mennessä kirjattu.',
    show: 'Näytä',
    today: 'Tänään',
    summaryHeading: 'Tilanne {date}',
    summaryKnownAt: 'sellaisena kuin se tiedettiin {instant} (UTC)',
    shown: 'Näytetään {count} hanketta tilanteessa {date}.',
    shownKnownAt: 'Näytetään {count} hanketta tilanteessa {date}, tieto hetkeltä {instant} (UTC).',
    noProjects: 'Tiekartalla ei ollut hankkeita tänä päivänä.',
    countsLabel: 'Hankkeet tiloittain',
    laneCountsLabel: '{sector}: hankkeet tiloittain',
    laneCaption: '{sector}: hankkeet ja niiden suunnitellut vuodet',
    laneEmpty: 'Ei hankkeita tällä toimialalla.',
    projectColumn: 'Hanke',
    selectedDay: 'valittu päivä',
    openHistory: 'Avaa muutoshistoria',
    projectsCount: '{count} hanketta',
    filterSectorLabel: 'Toimiala',
    allSectors: 'Kaikki toimialat',
    filterStatusLabel: 'Tila',
    allStatuses: 'Kaikki tilat',
    summaryFilter: 'Rajaus: {filter}',
    noProjectsFiltered: 'Rajaukseen ei osunut hankkeita tänä päivänä.',
    laneNotYetShown: 'Tämän toimialan hankkeet näkyvät, kun näytät lisää.',
    shownOfTotal: 'Näytetään {shown}/{total} hanketta.',
    showMore: 'Näytä lisää',
    loadingMore: 'Haetaan lisää hankkeita…',
    fallbackNotice: 'Tiekarttarajapinta ei ole käytettävissä; hankkeet on ryhmitelty hankelistasta.',
    reportsHeading: 'Vuosiraportit',
    reportsIntro: 'Tilinpäätöksen liitteeksi: hankkeiden tilanne kunkin vuoden 31.12.',
    reportOpen: 'Avaa vuoden {year} raportti',
    reportCsv: 'Lataa vuoden {year} raportti (CSV)',
    reportPdf: 'Lataa vuoden {year} raportti (PDF/A)',
    reportFailed: 'Vuoden {year} raporttia ei saatu ({status}).',
    reportOpened: 'Vuoden {year} raportti avattiin uuteen välilehteen.',
    historyTitle: 'Muutoshistoria',
    close: 'Sulje',
    historyLoading: 'Haetaan muutoshistoriaa…',
    historyFailed: 'Muutoshistoriaa ei saatu ({status}).',
    current: 'Tila {date}',
    owner: 'Vastuuhenkilö',
    noOwner: 'ei nimetty',
    plannedYears: 'Suunnitellut vuodet',
    notPlanned: 'ei määritelty',
    description: 'Kuvaus',
    units: 'Yksiköt',
    effective: 'Voimaan',
    recorded: 'Kirjattu',
    actor: 'Kirjaaja',
    reason: 'Peruste',
    note: 'Lisätieto',
    unit: 'Yksikkö',
    title: 'Nimi',
    sector: 'Toimiala',
    corrects: 'Korjaa muutoksen {ref}',
    retracts: 'Peruu muutoksen {ref}',
    supersededBy: 'Korjattu myöhemmin: {ref}',
    supersededBadge: 'KORJATTU',
    changeRef: 'nro {sequence}',
    afterKnownAt: 'Kirjattu valitun tiedossaolohetken jälkeen: ei näy tiekartalla.',
    afterAsOf: 'Voimaan valitun päivän jälkeen.',
    changeNumber: 'Muutos nro {sequence}',
    ownHeading: 'Omat hankkeet',
    ownIntro: 'Hankkeet, joiden vastuuhenkilö olet, ja mitä avoimet raportointikierrokset niistä vielä odottavat.',
    ownRoundsHeading: 'Raportoitavaa',
    ownProjectsHeading: 'Hankkeeni',
    ownProjectsCaption: 'Hankkeet, joiden vastuuhenkilö olet, ja niiden tila tänään',
    noOwnProjects: 'Sinulle ({who}) ei ole nimetty hankkeita.',
    nothingMissing: 'Avoimet raportointikierrokset eivät odota sinulta mitään.',
    roundsUnavailable: 'Raportointikierroksia ei ole tässä palvelussa saatavilla.',
    roundDates: 'Tilanne {asOf}, raportoitava viimeistään {due}.',
    statusColumn: 'Tila',
    actionsColumn: 'Toiminnot',
    reportButton: 'Raportoi tila',
    reportFor: 'Raportoi tila: {id} {title}',
    reportHeading: 'Raportoi tila: {id} {title}',
    reportCurrent: 'Nykyinen tila: {status} (voimassa {date} alkaen).',
    statusFieldLabel: 'Tila',
    progressLabel: 'Valmiusaste (%)',
    targetYearLabel: 'Tavoitevuosi',
    scheduledForLabel: 'Vuosineljännes',
    scheduledForHelp: 'Muodossa vuosi-neljännes, esim. 2025-Q1.',
    effectiveDateLabel: 'Voimassa päivästä',
    effectiveDateHelp: 'Oletuksena avoimen kierroksen tilannepäivä.',
    unitLabel: 'Yksikkö (valinnainen)',
    noteLabel: 'Lisätieto',
    reasonLabel: 'Peruste',
    reportSubmit: 'Lähetä raportti',
    cancel: 'Peruuta',
    fieldError: 'Tarkista: {message}',
    reportSaving: 'Raportti vastaanotettu; päivitetään näkymää…',
    reportSaved: 'Hankkeen {id} tila on kirjattu.',
    commandFailed: 'Lähetys epäonnistui ({status}).',
    reportNoAnswer: 'Palvelimelta ei saatu vastausta, joten ei tiedetä, kirjattiinko muutos. Lähetä uudelleen: '
      + 'sama muutos kirjataan vain kerran.',
    reportForbidden: 'Tunnuksellasi ei ole oikeutta tähän (403).',
    reportRefused: 'Muutosta ei kirjattu ({status}). {detail}',
    changedMeanwhile: 'Joku muutti hanketta sillä välin, joten muutostasi ei kirjattu. Hankkeen uusin tila on nyt '
      + '{status}. Tarkista tietosi ja lähetä uudelleen.',
    viewsNav: 'Näkymät',
    navRoadmap: 'Tiekartta',
    navOwn: 'Omat hankkeet',
    navRounds: 'Raportointikierrokset',
    roundsHeading: 'Raportointikierrokset',
    roundsIntro: 'Kullakin kierroksella: montako hanketta on raportoinut ja montako puuttuu, toimialoittain, ja '
      + 'keneltä raportti vielä puuttuu.',
    refresh: 'Päivitä',
    noRounds: 'Raportointikierroksia ei ole vielä avattu.',
    roundOpen: 'AVOIN',
    roundClosed: 'SULJETTU',
    roundClosedAt: 'Suljettu {instant}.',
    roundTotals: 'Raportoinut {reported}, puuttuu {missing}.',
    bySectorCaption: '{title}: raportoineet ja puuttuvat toimialoittain',
    reportedColumn: 'Raportoinut',
    missingColumn: 'Puuttuu',
    missingHeading: 'Puuttuvat raportit ({count})',
    ownerIs: 'vastuuhenkilö {owner}',
    allReported: 'Kaikki kierroksen hankkeet ovat raportoineet.',
    closeRound: 'Sulje kierros',
    closeRoundNamed: 'Sulje kierros {title}',
    openRoundHeading: 'Avaa uusi kierros',
    roundTitleLabel: 'Nimi',
    roundAsOfLabel: 'Tilannepäivä',
    roundDueLabel: 'Määräpäivä',
    openRoundSubmit: 'Avaa kierros',
    roundOpened: 'Kierros {title} on avattu.',
    roundClosedNow: 'Kierros {title} on suljettu.',
    roundAlreadyClosed: 'Kierros oli jo suljettu.',
    roundReportOpen: 'Avaa kierroksen {title} raportti',
    roundReportCsv: 'Lataa kierroksen {title} raportti (CSV)',
    footer: 'Tiekartta: jokainen muutos on pysyvä tapahtuma, ja tiekartan voi katsoa minä päivänä tahansa.',
  },
  en: {
    pageTitle: 'Digital roadmap',
    pageTitleOn: 'Digital roadmap {date}',
    pageDescription: "Digital roadmap: the city's digitalisation projects by sector and year, each project's status "
      + 'on any day, its history of changes, and the year-end reports for the financial statement.',
    subtitle: 'The roadmap for advancing digitalisation: projects by sector and year',
    skipLink: 'Skip to main content',
    languageNav: 'Language',
    signedInAs: 'Signed in as {who}',
    signOut: 'Sign out',
    signInHeading: 'Sign in',
    signInLocal: 'The roadmap is shown to signed-in users only. Open the sign-in link that bin/run prints '
      + '(like http://localhost:8082/#token=…), or paste the link or a token here.',
    signInOidc: 'The roadmap is shown to signed-in users only. Sign in with your organisation account.',
    signInButton: 'Sign in',
    tokenLabel: 'Sign-in link or token',
    tokenSubmit: 'Sign in',
    tokenInvalid: 'No token found in that link. Paste the whole sign-in link or just the token.',
    expired: 'Your sign-in has expired or was not accepted. Please sign in again.',
    forbidden: 'Your account may not see this information (403). Ask the digital coordination group for access.',
    signInFailed: 'Sign-in failed: {reason}',
    signedOut: 'You have signed out.',
    loadFailed: 'Loading failed ({status}). Please try again shortly.',
    networkFailed: 'Could not reach the server. Please try again shortly.',
    configFailed: 'Could not load the page settings.',
    loading: 'Loading the roadmap…',
    whenHeading: 'Point in time and filter',
    asOfLabel: 'Status on',
    knownAtLabel: 'As known at (UTC, optional)',
    knownAtHelp: 'Leave empty to use everything recorded so far.',
    show: 'Show',
    today: 'Today',
    summaryHeading: 'Status on {date}',
    summaryKnownAt: 'as known at {instant} (UTC)',
    shown: 'Showing {count} projects as of {date}.',
    shownKnownAt: 'Showing {count} projects as of {date}, as known at {instant} (UTC).',
    noProjects: 'There were no projects on the roadmap on this day.',
    countsLabel: 'Projects by status',
    laneCountsLabel: '{sector}: projects by status',
    laneCaption: '{sector}: projects and their planned years',
    laneEmpty: 'No projects in this sector.',
    projectColumn: 'Project',
    selectedDay: 'selected day',
    openHistory: 'Opens the change history',
    projectsCount: '{count} projects',
    filterSectorLabel: 'Sector',
    allSectors: 'All sectors',
    filterStatusLabel: 'Status',
    allStatuses: 'All statuses',
    summaryFilter: 'Filter: {filter}',
    noProjectsFiltered: 'No projects matched the filter on this day.',
    laneNotYetShown: "This sector's projects appear when you show more.",
    shownOfTotal: 'Showing {shown} of {total} projects.',
    showMore: 'Show more',
    loadingMore: 'Loading more projects…',
    fallbackNotice: 'The roadmap API is not available; projects are grouped from the project list.',
    reportsHeading: 'Year-end reports',
    reportsIntro: 'For the financial statement: the projects as they stood on 31 December of each year.',
    reportOpen: 'Open the {year} report',
    reportCsv: 'Download the {year} report (CSV)',
    reportPdf: 'Download the {year} report (PDF/A)',
    reportFailed: 'Could not get the {year} report ({status}).',
    reportOpened: 'The {year} report was opened in a new tab.',
    historyTitle: 'Change history',
    close: 'Close',
    historyLoading: 'Loading the change history…',
    historyFailed: 'Could not get the change history ({status}).',
    current: 'Status on {date}',
    owner: 'Owner',
    noOwner: 'not assigned',
    plannedYears: 'Planned years',
    notPlanned: 'not set',
    description: 'Description',
    units: 'Units',
    effective: 'Effective',
    recorded: 'Recorded',
    actor: 'Recorded by',
    reason: 'Reason',
    note: 'Note',
    unit: 'Unit',
    title: 'Title',
    sector: 'Sector',
    corrects: 'Corrects change {ref}',
    retracts: 'Retracts change {ref}',
    supersededBy: 'Corrected later: {ref}',
    supersededBadge: 'CORRECTED',
    changeRef: 'no. {sequence}',
    afterKnownAt: 'Recorded after the selected “as known at”: not shown on the roadmap.',
    afterAsOf: 'Effective after the selected day.',
    changeNumber: 'Change no. {sequence}',
    ownHeading: 'My projects',
    ownIntro: 'The projects you own, and what the open reporting rounds still need from you.',
    ownRoundsHeading: 'To report',
    ownProjectsHeading: 'My projects',
    ownProjectsCaption: 'The projects you own and their status today',
    noOwnProjects: 'No projects are assigned to you ({who}).',
    nothingMissing: 'The open reporting rounds need nothing from you.',
    roundsUnavailable: 'Reporting rounds are not available on this service.',
    roundDates: 'Status as of {asOf}, due by {due}.',
    statusColumn: 'Status',
    actionsColumn: 'Actions',
    reportButton: 'Report status',
    reportFor: 'Report status: {id} {title}',
    reportHeading: 'Report status: {id} {title}',
    reportCurrent: 'Current status: {status} (effective from {date}).',
    statusFieldLabel: 'Status',
    progressLabel: 'Progress (%)',
    targetYearLabel: 'Target year',
    scheduledForLabel: 'Quarter',
    scheduledForHelp: 'As year-quarter, e.g. 2025-Q1.',
    effectiveDateLabel: 'Effective from',
    effectiveDateHelp: "By default the open round's as-of day.",
    unitLabel: 'Unit (optional)',
    noteLabel: 'Note',
    reasonLabel: 'Reason',
    reportSubmit: 'Send report',
    cancel: 'Cancel',
    fieldError: 'Check: {message}',
    reportSaving: 'Report received; updating the view…',
    reportSaved: 'The status of {id} has been recorded.',
    commandFailed: 'Sending failed ({status}).',
    reportNoAnswer: 'No answer from the server, so it is not known whether the change was recorded. Send it '
      + 'again: the same change is recorded only once.',
    reportForbidden: 'Your account may not do this (403).',
    reportRefused: 'The change was not recorded ({status}). {detail}',
    changedMeanwhile: 'Someone changed this project meanwhile, so your change was not recorded. Its latest status '
      + 'is now {status}. Check your entry and send it again.',
    viewsNav: 'Views',
    navRoadmap: 'Roadmap',
    navOwn: 'My projects',
    navRounds: 'Reporting rounds',
    roundsHeading: 'Reporting rounds',
    roundsIntro: 'For each round: how many projects have reported and how many are missing, by sector, and who '
      + 'has yet to report.',
    refresh: 'Refresh',
    noRounds: 'No reporting round has been opened yet.',
    roundOpen: 'OPEN',
    roundClosed: 'CLOSED',
    roundClosedAt: 'Closed {instant}.',
    roundTotals: 'Reported {reported}, missing {missing}.',
    bySectorCaption: '{title}: reported and missing by sector',
    reportedColumn: 'Reported',
    missingColumn: 'Missing',
    missingHeading: 'Missing reports ({count})',
    ownerIs: 'owner {owner}',
    allReported: 'Every project of the round has reported.',
    closeRound: 'Close round',
    closeRoundNamed: 'Close round {title}',
    openRoundHeading: 'Open a new round',
    roundTitleLabel: 'Title',
    roundAsOfLabel: 'As-of day',
    roundDueLabel: 'Due date',
    openRoundSubmit: 'Open round',
    roundOpened: 'Round {title} has been opened.',
    roundClosedNow: 'Round {title} has been closed.',
    roundAlreadyClosed: 'The round was already closed.',
    roundReportOpen: 'Open the report of {title}',
    roundReportCsv: 'Download the report of {title} (CSV)',
    footer: 'Tiekartta: every change is a permanent event, and the roadmap can be viewed on any day.',
  },
};

const STATUS_LABELS = {
  fi: {
    NOT_STARTED: 'EI ALOITETTU', PLANNED: 'TULOSSA', INVESTIGATING: 'SELVITETÄÄN', IN_PROGRESS: 'MENEILLÄÄN',
    IN_USE: 'KÄYTÖSSÄ', WAITING: 'ODOTTAA', POSTPONED: 'SIIRTYY', DONE: 'VALMIS', NOT_NEEDED: 'EI TARVETTA',
    MERGED: 'TEHDÄÄN OSANA',
  },
  en: {
    NOT_STARTED: 'not started', PLANNED: 'upcoming', INVESTIGATING: 'being investigated',
    IN_PROGRESS: 'in progress', IN_USE: 'in use, development continues', WAITING: 'waiting on something else',
    POSTPONED: 'postponed to a target year', DONE: 'done', NOT_NEEDED: 'dropped, will not be done',
    MERGED: 'carried out as part of another effort',
  },
};

/** The order of the legend and the counts: from not started to closed. */
export const STATUS_ORDER = ['NOT_STARTED', 'POSTPONED', 'WAITING', 'PLANNED', 'INVESTIGATING', 'IN_PROGRESS',
  'IN_USE', 'DONE', 'MERGED', 'NOT_NEEDED'];

/** The API gives Finnish sector labels; English ones for the default sectors, else the API's. */
const SECTOR_LABELS = {
  fi: {
    KAUPUNKI: 'Kaupunkitasoiset kärkihankkeet', ELINVOIMA: 'Elinvoimatoimiala', HYVINVOINTI: 'Hyvinvointitoimiala',
    TEKNIIKKA: 'Tekniikkatoimiala', LUPA_JA_VALVONTA: 'Lupa- ja valvontatoimiala',
    YHTEISET_PALVELUT: 'Yhteiset palvelut -toimiala',
  },
  en: {
    KAUPUNKI: 'City-wide flagship projects', ELINVOIMA: 'Vitality sector', HYVINVOINTI: 'Wellbeing sector',
    TEKNIIKKA: 'Technical services sector', LUPA_JA_VALVONTA: 'Permits and supervision sector',
    YHTEISET_PALVELUT: 'Common services sector',
  },
};

const CHANGE_TYPES = {
  fi: {
    REGISTERED: 'Hanke kirjattu tiekartalle', STATUS_CHANGED: 'Tilan muutos', OWNER_ASSIGNED: 'Vastuuhenkilö nimetty',
    DETAILS_REVISED: 'Tietoja muutettu', CORRECTED: 'Korjaus', RETRACTED: 'Peruutus',
  },
  en: {
    REGISTERED: 'Added to the roadmap', STATUS_CHANGED: 'Status change', OWNER_ASSIGNED: 'Owner assigned',
    DETAILS_REVISED: 'Details revised', CORRECTED: 'Correction', RETRACTED: 'Retraction',
  },
};

const LOCALES = { fi: 'fi-FI', en: 'en-GB' };

let current = initialLanguage();

function initialLanguage() {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) {
      return stored;
    }
  } catch (e) {
    // storage may be disabled; Finnish then
  }
  return 'fi';
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) {
    return;
  }
  current = lang;
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // not remembered, still switched
  }
}

/** The message {@code key} with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.fi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Fills every element marked data-i18n (text) or data-i18n-attr="attribute:key" in root. */
export function translateStatic(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    const [attribute, key] = el.dataset.i18nAttr.split(':');
    el.setAttribute(attribute, t(key));
  });
}

export function statusLabel(status, apiLabel) {
  if (current === 'fi' && apiLabel) {
    return apiLabel;
  }
  return STATUS_LABELS[current][status] ?? apiLabel ?? status;
}

/**
 * What a bar says: the status with its percentage, target year or schedule, as in the roadmap document
 * ("MENEILLÄÄN 60 %", "SIIRTYY 2025", "TULOSSA Q1/2024").
 */
export function statusText(view) {
  const label = statusLabel(view.status, view.statusLabel);
  if (view.status === 'IN_PROGRESS' && view.progressPercent != null) {
    return current === 'fi' ? `${label} ${view.progressPercent} %` : `${label} ${view.progressPercent}%`;
  }
  if (view.status === 'POSTPONED' && view.targetYear != null) {
    return current === 'fi' ? `${label} ${view.targetYear}` : `postponed to ${view.targetYear}`;
  }
  if (view.scheduledFor) {
    return `${label} ${schedule(view.scheduledFor)}`;
  }
  return label;
}

/** "2024-Q1" as the document writes it: Q1/2024. */
function schedule(scheduledFor) {
  const match = /^(\d{4})-(Q[1-4])$/.exec(scheduledFor);
  return match ? `${match[2]}/${match[1]}` : scheduledFor;
}

export function sectorLabel(code, apiLabel) {
  if (current === 'fi') {
    return apiLabel || SECTOR_LABELS.fi[code] || code;
  }
  return SECTOR_LABELS.en[code] || apiLabel || code;
}

export function changeTypeLabel(type) {
  return CHANGE_TYPES[current][type] ?? type;
}

/** An ISO date (2023-12-31) for people: 31.12.2023 or 31 Dec 2023. */
export function formatDate(isoDate) {
  if (!isoDate) {
    return '';
  }
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[current], { day: 'numeric', month: current === 'fi' ? 'numeric' : 'short',
    year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant in Helsinki time, which is the roadmap's calendar, with the zone named. */
export function formatInstant(iso) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'medium', timeStyle: 'medium',
    timeZone: 'Europe/Helsinki' }).format(new Date(iso)) + (current === 'fi' ? ' (Suomen aikaa)' : ' (Helsinki time)');
}

/** An instant in UTC, as the knownAt control takes it. */
export function formatUtc(iso) {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '';
}
