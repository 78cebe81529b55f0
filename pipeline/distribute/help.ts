/** `npm run distribute -- --help`. */
export const DISTRIBUTE_HELP = `Usage: npm run distribute -- [options]

Sends each recipient in data/stakeholders.csv the briefing they are listed for, from the build
in out/. Without --send it is a dry run: every message is written to out/outbox/ as an .eml file
and nothing is sent. Messages already delivered (state/sent-ledger.jsonl) are never sent again,
nor is a briefing that out/changes.json marks unchanged to someone who had it from an earlier
build; a new recipient still gets theirs.

What to do:
  --check             only check the recipients, templates and ledger (no build needed)
  --only <part>       national or areas: only the recipients of those briefings (default: all)
  --send              send the messages through SMTP_URL (needs --approve)
  --approve <sha256>  the sha256 of out/manifest.json that the dry run printed: the exact
                      build you checked; a different build is refused
  --retries <n>       retries of a message after a 4xx reply or a dropped connection (default 4)
  --retry-delay <ms>  wait before the first retry, doubled for each next one (default 2000)

Folders:
  --out <dir>         the build to send (default: out)
  --state <dir>       where the ledger of sent messages is kept (default: state)
  --data <dir>        data folder, with stakeholders.csv (default: data)
  --templates <dir>   templates folder, with distribute/ (default: templates)

  --debug             print stack traces of unexpected errors
  -h, --help          show this help

Environment:
  SMTP_URL            smtp://user:password@host:587 or smtps://…:465 (needed with --send;
                      never printed)
  MAIL_FROM           the sender, e.g. "Briefings <briefings@example.org>" (needed with --send)
`;
