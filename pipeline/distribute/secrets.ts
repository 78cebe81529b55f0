/**
 * SMTP_URL carries the mail server's credentials. It is never printed or written to a file; any
 * text that could contain it (an error from the mail library, a stack trace) passes through
 * redact() first.
 */

/** The strings that must never appear in output: the URL, and its password in every spelling. */
export function secretsOf(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  const secrets = [smtpUrl];
  try {
    const url = new URL(smtpUrl);
    if (url.password) {
      secrets.push(url.password, decodeURIComponent(url.password));
      secrets.push(`${url.username}:${url.password}`);
    }
  } catch {
    // Not a URL: the whole value is the secret.
  }
  // Longest first, so the URL is replaced whole before its password is looked for.
  return [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

export function redactor(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((t, secret) => t.split(secret).join('[redacted]'), text);
}
