// The query API, called with this tab's bearer token. Failures become ApiError with the HTTP status
// (0 when the server could not be reached, 401 when there is no valid token to send).

import { currentToken } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem || null;
  }
}

export async function apiGet(path, params = {}, accept = 'application/json') {
  const token = currentToken();
  if (!token) {
    throw new ApiError(401);
  }
  const url = new URL(path, window.location.origin);
  Object.entries(params).forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      url.searchParams.set(name, value);
    }
  });
  let response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: accept }, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not a problem document
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function apiJson(path, params = {}) {
  return (await apiGet(path, params)).json();
}

/** Projects a roadmap page holds: enough to draw totals and the first lanes at once, few enough to draw quickly. */
export const ROADMAP_PAGE_SIZE = 500;

/**
 * One page of the roadmap on a day as known at an instant, optionally of one sector and one status (docs/API.md:
 * GET /api/roadmap): every sector with its counts, and the next ROADMAP_PAGE_SIZE projects; nextCursor asks for
 * the next page, with the first page's knownAt. Where a server does not have that endpoint yet (404), the same
 * shape is made from GET /api/projects, grouped by sector in its order, as one page.
 */
export async function loadRoadmapPage({
  asOf, knownAt, sector, status, cursor, limit = ROADMAP_PAGE_SIZE,
}) {
  try {
    const page = await apiJson('/api/roadmap', { asOf, knownAt, sector, status, limit, cursor });
    return { ...page, fallback: false };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) { // the roadmap itself is never 'not found'
      throw e;
    }
  }
  const list = await apiJson('/api/projects', { asOf, knownAt, sector, status });
  const bySector = new Map();
  list.projects.forEach((project) => {
    if (!bySector.has(project.sector)) {
      bySector.set(project.sector, []);
    }
    bySector.get(project.sector).push(project);
  });
  const count = (projects) => projects.reduce((counts, p) => ({ ...counts, [p.status]: (counts[p.status] || 0) + 1 }), {});
  return {
    asOf: list.asOf,
    knownAt: list.knownAt,
    countsByStatus: count(list.projects),
    sectors: [...bySector.entries()].map(([code, projects]) => ({ sector: code, label: null,
      countsByStatus: count(projects), projects })),
    fallback: true,
  };
}

/** The roadmap's sectors (code and label) on a day as known at an instant, for choosing one: a one-project page. */
export async function loadSectors(asOf, knownAt) {
  const page = await loadRoadmapPage({ asOf, knownAt, limit: 1 });
  return page.sectors.map(({ sector, label }) => ({ sector, label }));
}
