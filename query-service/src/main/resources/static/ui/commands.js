// Commands go to the command-service, which may be another origin than this page's (ui-config.json names it as
// commandUrl; the command-service allows this page's origin by CORS). Each answer comes back as
// { status, body, etag, location }; a problem (4xx, 5xx) as a CommandError carrying its problem+json.

import { ApiError } from './api.js';
import { currentToken } from './auth.js';

let baseUrl = '';

/** The command-service's base URL from the page's configuration; empty: this page's own origin. */
export function setCommandUrl(url) {
  baseUrl = (url || '').replace(/\/+$/, '');
}

export class CommandError extends ApiError {
  /** The problem's field errors ([{ field, message }]), as the services list them in `errors`. */
  get fieldErrors() {
    return this.problem && Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** A key per change the person means to make: repeating a lost request with it records the change once. */
export function newIdempotencyKey() {
  if (window.crypto.randomUUID) {
    return window.crypto.randomUUID();
  }
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POSTs body as JSON (null: no body) to path on the command-service. headers may add If-Match and
 * Idempotency-Key. Throws CommandError (status 0 when the service could not be reached, 401 without a token).
 */
export async function sendCommand(path, body, headers = {}) {
  const token = currentToken();
  if (!token) {
    throw new CommandError(401);
  }
  let response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json',
        ...(body === null ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === null ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new CommandError(0);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    // an answer without a JSON body
  }
  if (!response.ok) {
    throw new CommandError(response.status, json);
  }
  return { status: response.status, body: json, etag: response.headers.get('ETag'),
    location: response.headers.get('Location') };
}

/** Waits (briefly) until check() is true: the read side follows the command side within moments. */
export async function until(check, { attempts = 40, intervalMs = 250 } = {}) {
  for (let i = 0; i < attempts; i += 1) {
    try {
      if (await check()) {
        return true;
      }
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        throw e;
      }
      // not there yet (404) or a moment's failure: ask again
    }
    await new Promise((resolve) => { window.setTimeout(resolve, intervalMs); });
  }
  return false;
}
