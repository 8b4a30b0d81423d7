/** Only same-site paths may be redirect targets after sign-in (no open redirects). */
export function safeCallbackUrl(
  raw: string | string[] | undefined | null,
  fallback = "/articles",
): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const sameSite = value?.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
  return sameSite && value ? value : fallback;
}
