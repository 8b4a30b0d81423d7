/**
 * The cross-site check of mutations: a request that carries `Origin` must come from this site's
 * own origin, scheme included. This site's origin is the configured one, `NEXTAUTH_URL` (what
 * production requires anyway); without it (a development server), the request's own scheme and
 * `Host`. `X-Forwarded-Host`/`-Proto` are anyone's to send, so they count only when the operator
 * says a proxy in front sets them (`CLAIMDESK_TRUST_PROXY=1`) and no origin is configured;
 * trusting them otherwise let `X-Forwarded-Host: evil.example` with `Origin: http://evil.example`
 * through. No `Origin` at all is a non-browser client (browsers send it on every cross-site
 * POST), which cookies alone cannot forge. Pure; no Next imports, so proxy.ts can use it too.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** Whether the operator named a proxy whose forwarded headers may be believed. */
export function trustsProxy(env: Env = process.env): boolean {
  const value = env.CLAIMDESK_TRUST_PROXY?.trim().toLowerCase();
  return value === "1" || value === "true";
}

/** The configured origin (`NEXTAUTH_URL`'s), or null when unset or not a URL. */
export function configuredOrigin(env: Env = process.env): string | null {
  try {
    return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : null;
  } catch {
    return null;
  }
}

/** The one origin mutations may come from, for a request to `url` with these headers. */
export function expectedOrigin(
  url: string,
  headers: Headers,
  env: Env = process.env,
): string | null {
  const configured = configuredOrigin(env);
  if (configured) return configured;
  const proxied = trustsProxy(env);
  const host =
    (proxied && headers.get("x-forwarded-host")?.split(",")[0]?.trim()) || headers.get("host");
  const proto =
    (proxied && headers.get("x-forwarded-proto")?.split(",")[0]?.trim()) ||
    new URL(url).protocol.replace(/:$/, "");
  if (!host) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** True when the request has no `Origin` or it is exactly this site's (scheme, host, port). */
export function isSameOrigin(url: string, headers: Headers, env: Env = process.env): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const expected = expectedOrigin(url, headers, env);
  if (!expected) return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}
