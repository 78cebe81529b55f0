/** Arguments and environment, SMTP error classes, and the redaction of credentials. */
import { describe, expect, it } from 'vitest';
import { parseDistributeCli, PLACEHOLDER_FROM } from '../../pipeline/distribute/args.ts';
import { jsonErrorAt } from '../../pipeline/distribute/json.ts';
import { redactor, secretsOf } from '../../pipeline/distribute/secrets.ts';
import { classify } from '../../pipeline/distribute/send.ts';

const HASH = 'ab'.repeat(32);
const ENV = {
  SMTP_URL: 'smtp://user:p%40ss-word@mail.example.org:587',
  MAIL_FROM: 'B <b@example.org>',
};

const usage = (argv: string[], env: NodeJS.ProcessEnv = ENV) => {
  try {
    parseDistributeCli(argv, env);
  } catch (error) {
    return error as { code: string; at: { file: string; field?: string }; message: string };
  }
  throw new Error('expected a usage error');
};

describe('parseDistributeCli', () => {
  it('is a dry run by default, with a placeholder sender when MAIL_FROM is not set', () => {
    const cli = parseDistributeCli([], {});
    expect(cli.help).toBe(false);
    if (cli.help) return;
    expect(cli.options).toMatchObject({ send: false, out: 'out', state: 'state' });
    expect(cli.options.from).toEqual(PLACEHOLDER_FROM);
    expect(cli.options.smtpUrl).toBeUndefined();
  });

  it('sends only with --approve and a full sha256, and the SMTP settings', () => {
    const cli = parseDistributeCli(['--send', '--approve', HASH.toUpperCase()], ENV);
    if (cli.help) throw new Error('no help expected');
    expect(cli.options).toMatchObject({ send: true, approve: HASH });
    expect(cli.options.from).toEqual({ name: 'B', address: 'b@example.org' });
    expect(usage(['--send']).at).toEqual({ file: 'command line', field: '--send' });
    expect(usage(['--send', '--approve', 'abc']).at.field).toBe('--approve');
    expect(usage(['--approve', HASH]).at.field).toBe('--approve');
    expect(usage(['--send', '--approve', HASH], { MAIL_FROM: ENV.MAIL_FROM }).at).toEqual({
      file: 'environment',
      field: 'SMTP_URL',
    });
    expect(
      usage(['--send', '--approve', HASH], { ...ENV, MAIL_FROM: 'a@b.org, c@d.org' }).at,
    ).toEqual({ file: 'environment', field: 'MAIL_FROM' });
  });

  it('--check and --only', () => {
    const cli = parseDistributeCli(['--check', '--only', 'areas'], {});
    if (cli.help) throw new Error('no help expected');
    expect(cli.options).toMatchObject({ check: true, only: 'areas', send: false });
    expect(usage(['--check', '--send', '--approve', HASH]).at.field).toBe('--check');
    expect(usage(['--only', 'everyone']).at.field).toBe('--only');
  });

  it('never quotes SMTP_URL back, even when it is wrong', () => {
    const error = usage(['--send', '--approve', HASH], { ...ENV, SMTP_URL: 'http://u:hunter22@x' });
    expect(error.code).toBe('USAGE');
    expect(error.message).not.toContain('hunter22');
  });
});

describe('redaction and error classes', () => {
  it('removes the URL and its password, raw and decoded', () => {
    const redact = redactor(secretsOf(ENV.SMTP_URL));
    expect(redact(`failed: ${ENV.SMTP_URL}; p@ss-word; p%40ss-word`)).toBe(
      'failed: [redacted]; [redacted]; [redacted]',
    );
    expect(secretsOf(undefined)).toEqual([]);
  });

  it('retries 4xx and dropped connections; 5xx is permanent; a bad login stops the run', () => {
    expect(classify({ name: 'Error', message: '', responseCode: 421 })).toBe('transient');
    expect(classify({ name: 'Error', message: '', code: 'ECONNECTION' })).toBe('transient');
    expect(classify({ name: 'Error', message: '', code: 'EENVELOPE', responseCode: 550 })).toBe(
      'permanent',
    );
    expect(classify({ name: 'Error', message: '', code: 'EAUTH', responseCode: 535 })).toBe(
      'setup',
    );
  });

  it('locates a JSON error even when JSON.parse does not say where', () => {
    expect(jsonErrorAt('{\n  "changed": maybe\n}\n')).toEqual({ line: 2, column: 14 });
    expect(jsonErrorAt('{"a": 1,}')).toEqual({ line: 1, column: 9 });
    expect(jsonErrorAt('{"a": 1')).toEqual({ line: 1, column: 8 });
  });
});
