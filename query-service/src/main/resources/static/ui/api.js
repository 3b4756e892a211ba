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

/**
 * The roadmap on a day as known at an instant (docs/API.md: GET /api/roadmap). Where a server does not have
 * that endpoint yet (404), the same shape is made from GET /api/projects, grouped by sector in its order.
 */
export async function loadRoadmap(asOf, knownAt) {
  try {
    return { ...(await apiJson('/api/roadmap', { asOf, knownAt })), fallback: false };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) { // the roadmap itself is never 'not found'
      throw e;
    }
  }
  const list = await apiJson('/api/projects', { asOf, knownAt });
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
    sectors: [...bySector.entries()].map(([sector, projects]) => ({ sector, label: null,
      countsByStatus: count(projects), projects })),
    fallback: true,
  };
}
