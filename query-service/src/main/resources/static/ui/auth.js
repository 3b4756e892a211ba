// Signing in. The page holds one bearer token per browser tab (sessionStorage), from one of two places:
// - local mode (no OIDC issuer configured): a sign-in link http://host/#token=<jwt>, which bin/run prints;
//   the fragment never reaches the server, and is removed from the address bar at once;
// - OIDC: Authorization Code with PKCE against the configured provider, as a public client.

const TOKEN_KEY = 'tiekartta.token';
const PENDING_KEY = 'tiekartta.oidc.pending';

export class SignInError extends Error {}

/** Takes a token from the address bar's #token=… into this tab's storage, and clears the fragment. */
export function takeTokenFromFragment() {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) {
    return false;
  }
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  storeToken(token.trim(), expiryOf(token.trim()));
  return true;
}

/** A pasted sign-in link or bare token; false when neither. */
export function takeTokenFromText(text) {
  const value = text.trim();
  const fromLink = /[#&]token=([^&\s]+)/.exec(value);
  const token = fromLink ? decodeURIComponent(fromLink[1]) : value;
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    return false;
  }
  storeToken(token, expiryOf(token));
  return true;
}

function storeToken(token, expiresAt) {
  window.sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token, expiresAt }));
}

/** The token, or null when there is none or it has expired (the caller then shows the sign-in state). */
export function currentToken() {
  const stored = readStored();
  if (!stored) {
    return null;
  }
  if (stored.expiresAt && stored.expiresAt <= Date.now()) {
    return null;
  }
  return stored.token;
}

/** True when a token is stored but its time is up, to tell "expired" from "never signed in". */
export function hasExpiredToken() {
  const stored = readStored();
  return Boolean(stored && stored.expiresAt && stored.expiresAt <= Date.now());
}

function readStored() {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(TOKEN_KEY));
    return stored && typeof stored.token === 'string' ? stored : null;
  } catch (e) {
    return null;
  }
}

export function signOut() {
  window.sessionStorage.removeItem(TOKEN_KEY);
}

/** Who the token names, for the header: "johtoryhma (MANAGEMENT)". Opaque tokens name nobody. */
export function whoIsSignedIn() {
  const stored = readStored();
  const claims = stored ? claimsOf(stored.token) : null;
  if (!claims) {
    return stored && stored.name ? stored.name : null;
  }
  const name = claims.name || claims.preferred_username || claims.sub || '';
  const roles = Array.isArray(claims.roles) ? claims.roles.join(', ') : '';
  return roles ? `${name} (${roles})` : name;
}

/**
 * Who the token says the caller is and may be, for choosing what the page offers: { subject, roles }. The
 * services decide what is allowed; this only keeps the page from offering what would be refused.
 */
export function signedInIdentity() {
  const stored = readStored();
  const claims = stored ? claimsOf(stored.token) : null;
  return {
    subject: claims && typeof claims.sub === 'string' ? claims.sub : null,
    roles: claims && Array.isArray(claims.roles) ? claims.roles.map(String) : [],
  };
}

function claimsOf(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return null;
  }
}

function expiryOf(token) {
  const claims = claimsOf(token);
  return claims && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
}

// --- OIDC: Authorization Code with PKCE (RFC 7636), public client ------------------------------------------

function redirectUri() {
  return `${window.location.origin}/`;
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new SignInError(`discovery ${response.status}`);
  }
  return response.json();
}

function randomString(bytes) {
  const values = new Uint8Array(bytes);
  window.crypto.getRandomValues(values);
  return base64Url(values);
}

function base64Url(bytes) {
  let binary = '';
  new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the provider; it comes back to this page with ?code=…&state=…. */
export async function beginOidcSignIn(oidc) {
  const discovery = await discover(oidc.issuer);
  const verifier = randomString(48);
  const challenge = base64Url(await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(24);
  const nonce = randomString(24);
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, nonce,
    returnTo: window.location.search }));
  const url = new URL(discovery.authorization_endpoint);
  Object.entries({ response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope,
    state, nonce, code_challenge: challenge, code_challenge_method: 'S256' })
    .forEach(([name, value]) => url.searchParams.set(name, value));
  window.location.assign(url.toString());
}

/** True when the address bar holds the provider's answer to a sign-in this tab started. */
export function isOidcCallback() {
  const params = new URLSearchParams(window.location.search);
  return (params.has('code') || params.has('error')) && params.has('state');
}

/** Exchanges the code for tokens, then restores the address the sign-in started from. */
export async function completeOidcSignIn(oidc) {
  const params = new URLSearchParams(window.location.search);
  const pending = JSON.parse(window.sessionStorage.getItem(PENDING_KEY) || 'null');
  window.sessionStorage.removeItem(PENDING_KEY);
  window.history.replaceState(null, '', window.location.pathname + (pending ? pending.returnTo : ''));
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError('state');
  }
  if (params.has('error')) {
    throw new SignInError(params.get('error_description') || params.get('error'));
  }
  const discovery = await discover(oidc.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
      redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: pending.verifier }),
  });
  if (!response.ok) {
    throw new SignInError(`token ${response.status}`);
  }
  const tokens = await response.json();
  const idClaims = tokens.id_token ? claimsOf(tokens.id_token) : null;
  if (idClaims && idClaims.nonce !== pending.nonce) {
    throw new SignInError('nonce');
  }
  if (!tokens.access_token) {
    throw new SignInError('no access_token');
  }
  const expiresAt = typeof tokens.expires_in === 'number'
    ? Date.now() + tokens.expires_in * 1000 : expiryOf(tokens.access_token);
  window.sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: tokens.access_token, expiresAt,
    name: idClaims ? (idClaims.name || idClaims.preferred_username || idClaims.sub) : null }));
}
