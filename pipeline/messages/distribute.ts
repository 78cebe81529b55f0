/** Messages about distribution: the recipients file, the build being sent, approval and delivery. */
import type { MessageDef } from '../validate/problems.ts';

const quoted = (value: string): string =>
  JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

// ---------- data/stakeholders.csv ----------

export const stakeholdersMissing = (path: string): MessageDef => ({
  code: 'DATA_FILE_MISSING',
  message: 'the list of recipients is missing',
  hint: `create ${path} with the columns name,email,organisation,report (see README.md, "Distribute the briefings")`,
});

export const stakeholderFieldEmpty = (field: string): MessageDef => ({
  code: 'STAKEHOLDER_FIELD_EMPTY',
  message: `${field} is empty`,
  hint: 'every recipient needs a name, an email address, an organisation and a report',
});

export const stakeholderFieldInvalid = (field: string, got: string): MessageDef => ({
  code: 'STAKEHOLDER_FIELD_INVALID',
  message: `${field} contains a line break or another control character: ${quoted(got)}`,
  got,
  hint: 'keep each value on one line; check for a stray double quote that joined two rows',
});

export const stakeholderEmailInvalid = (got: string): MessageDef => ({
  code: 'STAKEHOLDER_EMAIL_INVALID',
  message: `expected one email address such as name@example.org, got ${quoted(got)}`,
  expected: 'an email address',
  got,
  hint: 'write the address alone, without a name, angle brackets or spaces; one recipient per row',
});

export const stakeholderReportUnknown = (got: string, close: string[]): MessageDef => ({
  code: 'STAKEHOLDER_REPORT_UNKNOWN',
  message: `no report is called ${quoted(got)}`,
  got,
  hint: close.length
    ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}? Write "national" or an area's name or code`
    : 'write "national" for the national briefing, or a local authority\'s name or code as in the data',
});

export const stakeholderDuplicate = (
  email: string,
  report: string,
  firstLine: number,
): MessageDef => ({
  code: 'STAKEHOLDER_DUPLICATE',
  message: `${email} is already listed for ${report} on line ${firstLine}`,
  hint: 'delete this row: each person gets each report once',
});

// ---------- the build being distributed ----------

export const buildMissing = (out: string): MessageDef => ({
  code: 'DISTRIBUTE_BUILD_MISSING',
  message: `there is no build to distribute in ${out}/`,
  hint: 'run `npm run build:report` first',
});

export const manifestInvalid = (reason: string): MessageDef => ({
  code: 'DISTRIBUTE_MANIFEST_INVALID',
  message: `the manifest cannot be read: ${reason}`,
  hint: 'the build folder is damaged; run `npm run build:report` again',
});

export const changesInvalid = (reason: string): MessageDef => ({
  code: 'DISTRIBUTE_CHANGES_INVALID',
  message: `the change report cannot be read: ${reason}`,
  hint: 'the change report is written by the build; run `npm run build:report` again',
});

export const reportNotBuilt = (report: string, pdf: string): MessageDef => ({
  code: 'DISTRIBUTE_REPORT_NOT_BUILT',
  message: `the build has no ${pdf} for ${report}`,
  hint: 'the last build did not make this briefing (a partial build?); run `npm run build:report` for every briefing',
});

export const outputMismatch = (pdf: string, reason: string): MessageDef => ({
  code: 'DISTRIBUTE_OUTPUT_MISMATCH',
  message: `${pdf} ${reason}`,
  hint: 'the build folder changed after it was built; run `npm run build:report` again',
});

// ---------- the ledger, approval and locking ----------

export const ledgerCorrupt = (reason: string): MessageDef => ({
  code: 'DISTRIBUTE_LEDGER_CORRUPT',
  message: `this ledger line cannot be read: ${reason}`,
  hint: 'the ledger records who was sent what; restore it from a backup rather than deleting lines, or everyone listed after it may be sent the briefing again',
});

export const notApproved = (approved: string, actual: string): MessageDef => ({
  code: 'DISTRIBUTE_NOT_APPROVED',
  message: `the approved build is ${approved}, but out/manifest.json has sha256 ${actual}`,
  hint: 'the build has changed since it was approved: run `npm run distribute` again, check the messages in out/outbox/, and approve the hash it prints',
});

export const distributeLocked = (lock: string): MessageDef => ({
  code: 'DISTRIBUTE_LOCKED',
  message: `another distribution is running (${lock})`,
  hint: 'wait for it to finish; a lock left by a run that was killed is taken over automatically',
});

// ---------- delivery ----------

export const deliveryRejected = (email: string, response: string): MessageDef => ({
  code: 'DISTRIBUTE_REJECTED',
  message: `the mail server refused the message to ${email}: ${response}`,
  hint: 'check the address with the recipient; the others were sent, and a re-run sends only what is missing',
});

export const deliveryUnreachable = (
  email: string,
  attempts: number,
  response: string,
): MessageDef => ({
  code: 'DISTRIBUTE_UNREACHABLE',
  message: `the message to ${email} was not accepted after ${attempts} attempts: ${response}`,
  hint: 'the mail server was unavailable; run the same command again later to send what is missing',
});

export const smtpSetup = (response: string): MessageDef => ({
  code: 'DISTRIBUTE_SMTP_SETUP',
  message: `the mail server cannot be used: ${response}`,
  hint: 'check the host, port and credentials in SMTP_URL (it is never printed); nothing more was sent',
});

export const distributeUsage = (reason: string): MessageDef => ({
  code: 'USAGE',
  message: reason,
  hint: 'run `npm run distribute -- --help` to see the options',
});
