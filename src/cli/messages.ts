/**
 * Every word the CLI prints for people, in Italian (the default) and English (`--lang en`);
 * evidence statuses use the web page's words (web/js/catalogue.js).
 * Counts go through Intl.PluralRules, so "1 obiettivo" / "2 obiettivi" and "1 objective" /
 * "2 objectives". JSON output (`--json`), CSV and the API keep their English keys and codes:
 * nothing here reaches them.
 */

export const LANGS = ['it', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Forms = [one: string, other: string];

/** `n` followed by the singular or plural form, as the language's plural rules choose. */
export function counted(lang: Lang, n: number, [one, other]: Forms): string {
  return `${n} ${new Intl.PluralRules(lang).select(n) === 'one' ? one : other}`;
}

export interface Basis {
  at?: string | null;
  asKnownAt: string;
  position: number;
}

export interface Messages {
  lang: Lang;
  basis(what: string, basis: Basis): string;
  nouns: Record<'unit' | 'objective' | 'indicator' | 'change' | 'act' | 'org' | 'entry' | 'event' | 'command', Forms>;
  titles: { orgChart: string; pdo(year: number): string; history: string; acts: string; act(id: string): string; orgs: string; orgChartDiff: string; pdoDiff(year: number): string };
  headers: Record<
    | 'unit' | 'id' | 'kind' | 'head' | 'competencies' | 'evidence' | 'objectiveOrIndicator' | 'status' | 'target' | 'latest' | 'title'
    | 'effective' | 'recordedAt' | 'type' | 'act' | 'by' | 'change' | 'of' | 'about' | 'from' | 'to' | 'acts' | 'date' | 'events'
    | 'subject' | 'details' | 'org' | 'name' | 'registeredAt',
    string
  >;
  objectiveStatus(status: string): string;
  evidence(status: string, lastAttestedOn: string | null | undefined): string;
  annulled: string;
  diffBasis(from: string, to: string, basis: Basis): string;
  diffBasisSystem(at: string, from: Basis, to: Basis): string;
  noChanges(from: string | undefined, to: string | undefined): string;
  none: string;
  annulledBy(actId: string, reason: string, recordedAt: string, recordedBy: string): string;
  invalidated(count: number): string;
  eventLabel(type: string): string;
  verifyIntact(events: number, position: number): string;
  verifyBroken(position: number, stream: string | undefined, reason: string, checked: number): string;
  imported(issued: number, skipped: number, position: number): string;
  rebuilt(events: number, seconds: string, rate: number, orgs: number, position: number): string;
  wrote(file: string, basis: string): string;
  usage: string;
  unknownCommand(name: string): string;
  missing(what: string): string;
  unexpected(argument: string): string;
  badOptions(detail: string): string;
  runHelp: string;
  jsonOrCsv: string;
  noExport(view: string): string;
  historyNeedsOne: string;
  diffNeedsDates: string;
  unknownView(view: string): string;
  formatChoice: string;
  sepChoice: string;
  sepNeedsCsv: string;
  binaryToTerminal: string;
  langChoice: string;
  badDate(flag: string): string;
  badDateOrInstant(flag: string): string;
  localOnly(command: string): string;
  noStore(dir: string): string;
  dataDirLocked(dir: string, pid: number | undefined, url: string | undefined): string;
  unreachable(url: string, reason: string): string;
  passToken: string;
  summaries: Record<string, string>;
  globalHelp: string;
  exitCodes: string;
  commandHelpHint: string;
}

const EVENT_LABELS_IT: Record<string, string> = {
  OrgRegistered: 'ente registrato',
  UnitEstablished: 'unità istituita',
  UnitRenamed: 'unità rinominata',
  UnitMoved: 'unità spostata',
  UnitReclassified: 'unità riclassificata',
  UnitDissolved: 'unità soppressa',
  CompetencyAssigned: 'competenza assegnata',
  CompetencyWithdrawn: 'competenza ritirata',
  CompetencyTransferred: 'competenza trasferita',
  HeadAppointed: 'responsabile nominato',
  HeadVacated: 'responsabile cessato',
  ObjectiveDefined: 'obiettivo definito',
  ObjectiveRevised: 'obiettivo rivisto',
  ObjectiveWithdrawn: 'obiettivo ritirato',
  IndicatorDefined: 'indicatore definito',
  IndicatorRevised: 'indicatore rivisto',
  IndicatorTargetRevised: 'target rivisto',
  MeasurementRecorded: 'misura registrata',
  ActAnnulled: 'atto annullato',
  FactsAttested: 'fatti attestati',
  SourceRegistered: 'fonte registrata',
};

const EVENT_LABELS_EN: Record<string, string> = {
  OrgRegistered: 'org registered',
  UnitEstablished: 'unit established',
  UnitRenamed: 'unit renamed',
  UnitMoved: 'unit moved',
  UnitReclassified: 'unit reclassified',
  UnitDissolved: 'unit dissolved',
  CompetencyAssigned: 'competency assigned',
  CompetencyWithdrawn: 'competency withdrawn',
  CompetencyTransferred: 'competency transferred',
  HeadAppointed: 'head appointed',
  HeadVacated: 'head vacated',
  ObjectiveDefined: 'objective defined',
  ObjectiveRevised: 'objective revised',
  ObjectiveWithdrawn: 'objective withdrawn',
  IndicatorDefined: 'indicator defined',
  IndicatorRevised: 'indicator revised',
  IndicatorTargetRevised: 'target revised',
  MeasurementRecorded: 'measurement recorded',
  ActAnnulled: 'act annulled',
  FactsAttested: 'facts attested',
  SourceRegistered: 'source registered',
};

const it: Messages = {
  lang: 'it',
  basis: (what, { at, asKnownAt, position }) => `${what}${at ? ` al ${at}` : ''}, come noto al ${asKnownAt} (posizione ${position})`,
  nouns: {
    unit: ['unità', 'unità'],
    objective: ['obiettivo', 'obiettivi'],
    indicator: ['indicatore', 'indicatori'],
    change: ['modifica', 'modifiche'],
    act: ['atto', 'atti'],
    org: ['ente', 'enti'],
    entry: ['voce', 'voci'],
    event: ['evento', 'eventi'],
    command: ['comando', 'comandi'],
  },
  titles: {
    orgChart: 'organigramma',
    pdo: (year) => `PDO ${year}`,
    history: 'storia',
    acts: 'atti',
    act: (id) => `atto ${id}`,
    orgs: 'enti',
    orgChartDiff: "differenze dell'organigramma",
    pdoDiff: (year) => `differenze del PDO ${year}`,
  },
  headers: {
    unit: 'unità', id: 'id', kind: 'tipo', head: 'responsabile', competencies: 'competenze', evidence: 'prova',
    objectiveOrIndicator: 'obiettivo / indicatore', status: 'stato', target: 'target', latest: 'ultima misura', title: 'titolo',
    effective: 'decorrenza', recordedAt: 'registrato il', type: 'tipo', act: 'atto', by: 'da', change: 'modifica',
    of: 'di', about: 'riguardo a', from: 'da', to: 'a', acts: 'atti', date: 'data', events: 'eventi',
    subject: 'soggetto', details: 'dettagli', org: 'ente', name: 'nome', registeredAt: 'registrato il',
  },
  objectiveStatus: (status) => ({ active: 'attivo', withdrawn: 'ritirato' })[status] ?? status,
  evidence: (status, last) =>
    ({ enacted: 'disposta da un atto', attested: 'attestata', announced: 'annunciata', inferred: 'dedotta' })[status] ??
    (status === 'carried-forward' ? `riportata${last ? ` dal ${last}` : ''}` : status),
  annulled: 'annullato',
  diffBasis: (from, to, { asKnownAt, position }) => `dal ${from} al ${to}, come noto al ${asKnownAt} (posizione ${position})`,
  diffBasisSystem: (at, from, to) => `al ${at}, fra quanto noto al ${from.asKnownAt} (posizione ${from.position}) e al ${to.asKnownAt} (posizione ${to.position})`,
  noChanges: (from, to) =>
    `Nessuna modifica.${from && to ? ` Contano le modifiche con decorrenza dopo il ${from} ed entro il ${to}: una modifica che decorre proprio dal ${from} non è compresa.` : ''}`,
  none: '—',
  annulledBy: (actId, reason, recordedAt, recordedBy) => `annullato dall'atto ${actId} (${reason}), registrato il ${recordedAt} da ${recordedBy}`,
  invalidated: (count) => `${counted('it', count, ['modifica', 'modifiche'])} di altri atti ${count === 1 ? 'invalidata' : 'invalidate'} dal suo annullamento:`,
  eventLabel: (type) => EVENT_LABELS_IT[type] ?? type,
  verifyIntact: (events, position) => `registro integro: ${counted('it', events, ['evento controllato', 'eventi controllati'])}, fino alla posizione ${position}`,
  verifyBroken: (position, stream, reason, checked) =>
    `registro NON integro alla posizione ${position}${stream ? ` (stream ${stream})` : ''}: ${reason} (${counted('it', checked, ['evento controllato', 'eventi controllati'])} prima)`,
  imported: (issued, skipped, position) => `${counted('it', issued, ['comando importato', 'comandi importati'])}, ${skipped} già presenti; registro alla posizione ${position}`,
  rebuilt: (events, seconds, rate, orgs, position) =>
    `modelli di lettura ricostruiti da ${counted('it', events, ['evento', 'eventi'])} in ${seconds} s (${rate} eventi/s): ${counted('it', orgs, ['ente', 'enti'])}, posizione ${position}`,
  wrote: (file, basis) => `scritto ${file} (${basis})`,
  usage: 'uso',
  unknownCommand: (name) => `comando sconosciuto ${name}`,
  missing: (what) => `manca ${what}`,
  unexpected: (argument) => `argomento inatteso ${argument}`,
  badOptions: (detail) => `opzioni non valide: ${detail}`,
  runHelp: 'esegui `orgtrail help` per i comandi',
  jsonOrCsv: 'scegli --json o --csv, non entrambi',
  noExport: (view) => `${view} non ha un export CSV`,
  historyNeedsOne: 'history vuole esattamente uno fra --unit ID e --objective ID',
  diffNeedsDates: 'diff vuole --from DATA e --to DATA',
  unknownView: (view) => `vista sconosciuta ${view}: scegli org-chart, pdo, history o diff`,
  formatChoice: '--format vuole csv, xlsx o json',
  sepChoice: "--sep vuole ';' (o semicolon) oppure ',' (o comma)",
  sepNeedsCsv: '--sep vale solo per il CSV',
  binaryToTerminal: 'un file XLSX non si scrive sul terminale: usa --out FILE',
  langChoice: '--lang vuole it o en',
  badDate: (flag) => `--${flag}: serve una data (AAAA-MM-GG, es. 2024-06-01) o un istante ISO-8601 con fuso (es. 2024-06-01T10:00:00Z)`,
  badDateOrInstant: (flag) =>
    `--${flag}: serve una data (AAAA-MM-GG: la fine di quel giorno, ora di Roma) o un istante ISO-8601 con fuso (es. 2026-12-03T10:00:00Z)`,
  localOnly: (command) => `${command} lavora solo sull'archivio locale: togli --url (e ferma un server che usa la stessa cartella dati)`,
  noStore: (dir) => `nessun archivio orgtrail in ${dir}: esegui prima \`orgtrail import\`, oppure indica --data-dir, oppure chiedi a un server con --url`,
  dataDirLocked: (dir, pid, url) =>
    `la cartella dati ${dir} è in uso da un orgtrail in esecuzione (pid ${pid ?? 'sconosciuto'}).\n` +
    (url ? `  Chiedi a quel server: --url ${url}` : '  Chiedi a quel server con --url http://HOST:PORTA (la sua porta non si è potuta leggere)') +
    ' (e --token per i comandi di audit).',
  unreachable: (url, reason) => `impossibile raggiungere ${url}: ${reason}`,
  passToken: '(passa --token o imposta ORGTRAIL_TOKEN)',
  summaries: {
    orgs: 'gli enti registrati',
    'org-chart': "l'organigramma a una data, come noto a un istante",
    pdo: 'il PDO di un anno a una data: obiettivi, indicatori, target e ultime misure',
    diff: "che cosa è cambiato fra due date (organigramma, o il PDO con --pdo) e gli atti responsabili",
    history: "ogni modifica di un'unità o di un obiettivo, campo per campo (prima → dopo)",
    acts: "gli atti di un ente, o ogni modifica di un atto",
    export: 'una vista come file CSV (predefinito), XLSX o JSON, con la sua base',
    verify: "controlla che il registro sia integro (catena di hash e checkpoint); esce con 1 se non lo è",
    import: "importa i documenti di partenza nell'archivio locale (idempotente); import pdo: un PDO da una tabella CSV o XLSX",
    rebuild: 'ricostruisce i modelli di lettura da tutto il registro e misura il tempo',
  },
  globalHelp: `Opzioni di ogni comando:
  --url URL         chiedi a un server orgtrail in esecuzione (predefinito: l'archivio locale)
  --token TOKEN     token bearer per --url (predefinito: ORGTRAIL_TOKEN); i comandi di audit vogliono quello di un revisore
  --data-dir DIR    cartella dell'archivio locale (predefinito: ORGTRAIL_DATA_DIR, altrimenti ./data)
  --json            la risposta JSON dell'API (chiavi in inglese), per gli script
  --csv             l'export CSV della vista (org-chart, pdo, history, diff)
  --wide            una riga per voce, senza andare a capo
  --lang it|en      lingua delle tabelle e dei messaggi (predefinito: it, o ORGTRAIL_LANG)
  -h, --help        questo aiuto
Date: --at, --from, --to vogliono una data (AAAA-MM-GG; un istante vale la sua data a Roma);
--as-known-at una data (la fine di quel giorno, ora di Roma) o un istante ISO-8601.`,
  exitCodes: 'Codici di uscita: 0 ok, 1 errore (es. verify trova il registro non integro), 2 uso errato.',
  commandHelpHint: "Esegui `orgtrail <comando> --help` (o `orgtrail help <comando>`) per le opzioni di un comando.",
};

const en: Messages = {
  lang: 'en',
  basis: (what, { at, asKnownAt, position }) => `${what}${at ? ` on ${at}` : ''}, as known at ${asKnownAt} (position ${position})`,
  nouns: {
    unit: ['unit', 'units'],
    objective: ['objective', 'objectives'],
    indicator: ['indicator', 'indicators'],
    change: ['change', 'changes'],
    act: ['act', 'acts'],
    org: ['org', 'orgs'],
    entry: ['entry', 'entries'],
    event: ['event', 'events'],
    command: ['command', 'commands'],
  },
  titles: {
    orgChart: 'org chart',
    pdo: (year) => `PDO ${year}`,
    history: 'history',
    acts: 'acts',
    act: (id) => `act ${id}`,
    orgs: 'orgs',
    orgChartDiff: 'org chart diff',
    pdoDiff: (year) => `PDO ${year} diff`,
  },
  headers: {
    unit: 'unit', id: 'id', kind: 'kind', head: 'head', competencies: 'competencies', evidence: 'evidence',
    objectiveOrIndicator: 'objective / indicator', status: 'status', target: 'target', latest: 'latest', title: 'title',
    effective: 'effective', recordedAt: 'recorded at', type: 'type', act: 'act', by: 'by', change: 'change',
    of: 'of', about: 'about', from: 'from', to: 'to', acts: 'acts', date: 'date', events: 'events',
    subject: 'subject', details: 'details', org: 'org', name: 'name', registeredAt: 'registered at',
  },
  objectiveStatus: (status) => status,
  evidence: (status, last) => (status === 'carried-forward' && last ? `carried forward since ${last}` : status),
  annulled: 'annulled',
  diffBasis: (from, to, { asKnownAt, position }) => `from ${from} to ${to}, as known at ${asKnownAt} (position ${position})`,
  diffBasisSystem: (at, from, to) => `on ${at}, between as known at ${from.asKnownAt} (position ${from.position}) and at ${to.asKnownAt} (position ${to.position})`,
  noChanges: (from, to) =>
    `No changes.${from && to ? ` Changes count with an effective date after ${from} and up to ${to}: a change effective on ${from} itself is not included.` : ''}`,
  none: '—',
  annulledBy: (actId, reason, recordedAt, recordedBy) => `annulled by act ${actId} (${reason}), recorded ${recordedAt} by ${recordedBy}`,
  invalidated: (count) => `${counted('en', count, ['change', 'changes'])} of other acts invalidated by its annulment:`,
  eventLabel: (type) => EVENT_LABELS_EN[type] ?? type,
  verifyIntact: (events, position) => `log intact: ${counted('en', events, ['event', 'events'])} checked, up to position ${position}`,
  verifyBroken: (position, stream, reason, checked) =>
    `log NOT intact at position ${position}${stream ? ` (stream ${stream})` : ''}: ${reason} (${counted('en', checked, ['event', 'events'])} checked before it)`,
  imported: (issued, skipped, position) => `imported ${counted('en', issued, ['command', 'commands'])}, ${skipped} already present; log at position ${position}`,
  rebuilt: (events, seconds, rate, orgs, position) =>
    `rebuilt the read models from ${counted('en', events, ['event', 'events'])} in ${seconds} s (${rate} events/s): ${counted('en', orgs, ['org', 'orgs'])}, position ${position}`,
  wrote: (file, basis) => `wrote ${file} (${basis})`,
  usage: 'usage',
  unknownCommand: (name) => `unknown command ${name}`,
  missing: (what) => `missing ${what}`,
  unexpected: (argument) => `unexpected argument ${argument}`,
  badOptions: (detail) => detail,
  runHelp: 'run `orgtrail help` for the commands',
  jsonOrCsv: 'choose --json or --csv, not both',
  noExport: (view) => `${view} has no CSV export`,
  historyNeedsOne: 'history needs exactly one of --unit ID or --objective ID',
  diffNeedsDates: 'diff needs --from DATE and --to DATE',
  unknownView: (view) => `unknown view ${view}: choose org-chart, pdo, history or diff`,
  formatChoice: '--format must be csv, xlsx or json',
  sepChoice: "--sep must be ';' (or semicolon) or ',' (or comma)",
  sepNeedsCsv: '--sep applies to CSV only',
  binaryToTerminal: 'an XLSX file is not written to a terminal: use --out FILE',
  langChoice: '--lang must be it or en',
  badDate: (flag) => `--${flag}: expected a date (YYYY-MM-DD, e.g. 2024-06-01) or an ISO-8601 instant with a time zone (e.g. 2024-06-01T10:00:00Z)`,
  badDateOrInstant: (flag) => `--${flag}: expected a date (YYYY-MM-DD: the end of that day, Europe/Rome) or an ISO-8601 instant with a time zone (e.g. 2026-12-03T10:00:00Z)`,
  localOnly: (command) => `${command} works on the local store only: omit --url (and stop a server using the same data directory)`,
  noStore: (dir) => `no orgtrail store in ${dir}: run \`orgtrail import\` first, or pass --data-dir, or ask a server with --url`,
  dataDirLocked: (dir, pid, url) =>
    `the data directory ${dir} is in use by a running orgtrail (pid ${pid ?? 'unknown'}).\n` +
    (url ? `  Ask that server instead: --url ${url}` : '  Ask that server instead with --url http://HOST:PORT (its port could not be read)') +
    ' (and --token for audit commands).',
  unreachable: (url, reason) => `cannot reach ${url}: ${reason}`,
  passToken: '(pass --token or set ORGTRAIL_TOKEN)',
  summaries: {
    orgs: 'the registered orgs',
    'org-chart': 'the org chart on a date, as known at an instant',
    pdo: 'the PDO of a plan year on a date: objectives, indicators, targets and latest measurements',
    diff: 'what changed between two dates (org chart, or the PDO with --pdo), and the acts responsible',
    history: 'every change of a unit or of an objective, field by field (before → after)',
    acts: 'the acts of an org, or every change one act made',
    export: 'a view as a CSV (default), XLSX or JSON file, with its basis',
    verify: 'check that the log is intact (hash chain and checkpoints); exit 1 if not',
    import: 'import the seed documents into the local store (idempotent); import pdo: a PDO from a CSV or XLSX table',
    rebuild: 'rebuild the read models from the whole log and time it',
  },
  globalHelp: `Options of every command:
  --url URL         ask a running orgtrail server (default: work on the local store)
  --token TOKEN     bearer token for --url (default: ORGTRAIL_TOKEN); audit commands need an auditor's
  --data-dir DIR    local store folder (default: ORGTRAIL_DATA_DIR, else ./data)
  --json            the API's JSON answer (English keys), for scripts
  --csv             the CSV export of the view (org-chart, pdo, history, diff)
  --wide            one line per row, never wrapped
  --lang it|en      language of tables and messages (default: it, or ORGTRAIL_LANG)
  -h, --help        this help
Dates: --at, --from, --to take a date (YYYY-MM-DD; an instant stands for its date in Rome);
--as-known-at a date (the end of that day, Europe/Rome) or an ISO-8601 instant.`,
  exitCodes: 'Exit codes: 0 ok, 1 failure (e.g. verify finds the log not intact), 2 usage error.',
  commandHelpHint: "Run `orgtrail <command> --help` (or `orgtrail help <command>`) for a command's options.",
};

export function messagesFor(lang: Lang): Messages {
  return lang === 'en' ? en : it;
}
