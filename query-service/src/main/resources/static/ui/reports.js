// Links to the year-end reports. The report needs the bearer token like every other answer, so a plain link
// cannot fetch it: the page fetches it with the token and hands the browser the result as a file (blob).

import { apiGet } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** years: the roadmap's span; a report is about 31.12., so years still to come are left out. */
export function renderReports(container, span, onFailure) {
  const thisYear = new Date().getFullYear();
  const items = [];
  for (let year = span.first; year <= Math.min(span.last, thisYear); year += 1) {
    const open = el('a', { href: `/api/reports/year-end/${year}`, class: 'report-open', dataset: { year } },
      t('reportOpen', { year }));
    open.addEventListener('click', (event) => {
      event.preventDefault();
      fetchReport(year, 'text/html', `vuosiraportti-${year}.html`, false).catch((e) => onFailure(e, year));
    });
    const csv = el('a', { href: `/api/reports/year-end/${year}`, class: 'report-csv', dataset: { year } },
      t('reportCsv', { year }));
    csv.addEventListener('click', (event) => {
      event.preventDefault();
      fetchReport(year, 'text/csv', `vuosiraportti-${year}.csv`, true).catch((e) => onFailure(e, year));
    });
    const pdf = el('a', { href: `/api/reports/year-end/${year}`, class: 'report-pdf', dataset: { year } },
      t('reportPdf', { year }));
    pdf.addEventListener('click', (event) => {
      event.preventDefault();
      fetchReport(year, 'application/pdf', `vuosiraportti-${year}.pdf`, true).catch((e) => onFailure(e, year));
    });
    items.push(el('li', {}, el('span', { class: 'report-year' }, String(year)), ' ', open, ' ', csv, ' ', pdf));
  }
  container.replaceChildren(...items);
}

function fetchReport(year, type, filename, download) {
  return fetchDocument(`/api/reports/year-end/${year}`, type, filename, download);
}

/**
 * Fetches the document at path (a report) in type with the token, and opens it in a new tab, or saves it as
 * filename when download is asked for or the browser blocks the tab.
 */
export async function fetchDocument(path, type, filename, download) {
  const response = await apiGet(path, {}, type);
  const blob = new Blob([await response.arrayBuffer()], { type: type.startsWith('text/') ? `${type};charset=utf-8` : type });
  const url = URL.createObjectURL(blob);
  if (download || !openInNewTab(url)) {
    saveAs(url, filename);
  }
  // Give the new tab or the download time to read the blob before letting it go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function saveAs(url, filename) {
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

/** False when the browser blocked the new tab (the report is then saved as a file instead). */
function openInNewTab(url) {
  const opened = window.open(url, '_blank');
  if (!opened) {
    return false;
  }
  const started = Date.now();
  const timer = window.setInterval(() => {
    let doc = null;
    try {
      doc = opened.document;
    } catch (e) {
      window.clearInterval(timer);
      return;
    }
    if (doc && doc.URL === url && doc.readyState !== 'loading') {
      window.clearInterval(timer);
      adoptInlineStyles(opened, doc);
    } else if (Date.now() - started > 10_000) {
      window.clearInterval(timer);
    }
  }, 50);
  return true;
}

/**
 * The report styles itself with an inline <style> element (it is made to be archived as one file). A blob
 * document inherits this page's Content-Security-Policy, which refuses inline styles; the same rules adopted
 * as a constructed style sheet are not inline markup, and apply.
 */
function adoptInlineStyles(win, doc) {
  const css = [...doc.querySelectorAll('style')].map((style) => style.textContent).join('\n');
  if (!css || !('adoptedStyleSheets' in doc)) {
    return;
  }
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

