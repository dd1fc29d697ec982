// The one Italian catalogue of every text the page (and the PDF, src/http/export/org-chart-pdf.ts)
// shows for a code of the API: unit and act kinds, event types, diff changes, evidence
// statuses, qualifiers and the fields they qualify, and the API's stable error codes. Data
// itself (names, competencies, free-text reasons written by whoever recorded them) is shown as
// recorded. Unknown codes get a readable fallback ("piano-di-lavoro" → "Piano di lavoro").
// Pure data and functions: no DOM, so that the server can import it.

/** "piano-degli-obiettivi" → "Piano degli obiettivi". */
export function humanize(code) {
  const text = String(code ?? '').replaceAll(/[-_]+/g, ' ').trim();
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

const UNIT_KINDS = {
  direzione: 'Direzione',
  area: 'Area',
  unita: 'Unità',
  ufficio: 'Ufficio',
  servizio: 'Servizio',
  segreteria: 'Segreteria',
  redazione: 'Redazione',
  settore: 'Settore',
  dipartimento: 'Dipartimento',
  staff: 'Staff',
  'unita-di-progetto': 'Unità di progetto',
  gabinetto: 'Gabinetto',
};
export const unitKindLabel = (kind) => UNIT_KINDS[kind] ?? humanize(kind);

const ACT_KINDS = {
  'documento-organizzativo': 'Documento organizzativo',
  'piano-degli-obiettivi': 'Piano degli obiettivi',
  'articolo-di-stampa': 'Articolo di stampa',
  progetto: 'Progetto',
  delibera: 'Delibera',
  determina: 'Determina',
  determinazione: 'Determinazione',
  decreto: 'Decreto',
  regolamento: 'Regolamento',
  piao: 'PIAO',
};
export const actKindLabel = (kind) => (kind ? (ACT_KINDS[kind] ?? humanize(kind)) : '');

const EVENT_TYPES = {
  OrgRegistered: 'Ente registrato',
  UnitEstablished: 'Unità istituita',
  UnitRenamed: 'Unità rinominata',
  UnitMoved: 'Unità spostata',
  UnitReclassified: 'Unità riclassificata',
  UnitDissolved: 'Unità soppressa',
  CompetencyAssigned: 'Competenza assegnata',
  CompetencyWithdrawn: 'Competenza revocata',
  CompetencyTransferred: 'Competenza trasferita',
  HeadAppointed: 'Responsabile nominato',
  HeadVacated: 'Responsabile cessato',
  ObjectiveDefined: 'Obiettivo definito',
  ObjectiveRevised: 'Obiettivo rivisto',
  ObjectiveWithdrawn: 'Obiettivo ritirato',
  IndicatorDefined: 'Indicatore definito',
  IndicatorRevised: 'Indicatore rivisto',
  IndicatorTargetRevised: 'Target rivisto',
  MeasurementRecorded: 'Misurazione registrata',
  ActAnnulled: 'Atto annullato',
  SourceRegistered: 'Fonte registrata',
  AttestationRecorded: 'Attestazione registrata',
};
export const eventLabel = (type) => EVENT_TYPES[type] ?? humanize(type);

/** The org chart diff's `change` codes (GET /orgs/:org/org-chart/diff). */
const CHANGES = {
  'unit-established': 'Unità istituita',
  'unit-dissolved': 'Unità soppressa',
  'unit-annulled': 'Unità annullata (atto annullato)',
  'unit-renamed': 'Unità rinominata',
  'unit-moved': 'Unità spostata',
  'unit-reclassified': 'Tipo cambiato',
  'head-changed': 'Responsabile cambiato',
  'competency-assigned': 'Competenza assegnata',
  'competency-withdrawn': 'Competenza revocata',
  'competency-moved': 'Competenza trasferita',
  'competency-text-changed': 'Testo della competenza cambiato',
  'objective-added': 'Obiettivo aggiunto',
  'objective-withdrawn': 'Obiettivo ritirato',
  'objective-dropped': 'Obiettivo non più nel piano dell’anno',
  'objective-restated': 'Obiettivo riformulato',
  'objective-reassigned': 'Obiettivo assegnato ad altra unità',
  'indicator-added': 'Indicatore aggiunto',
  'indicator-revised': 'Indicatore rivisto',
  'indicator-target-changed': 'Target cambiato',
};
export const changeLabel = (change) => CHANGES[change] ?? humanize(change);

/** Evidence statuses (issue 15), in the legend's order, each with what it means. */
export const EVIDENCE_STATUSES = ['enacted', 'attested', 'carried-forward', 'announced', 'inferred'];
export const EVIDENCE_LABELS = {
  enacted: { label: 'Disposta da un atto', meaning: 'un atto con effetto giuridico l’ha disposta e non è cambiata da allora' },
  attested: { label: 'Attestata', meaning: 'una fonte la mostra in vigore in questa data' },
  'carried-forward': { label: 'Riportata', meaning: 'nessuna fonte la mostra dopo l’ultima attestazione: si presume in vigore' },
  announced: { label: 'Annunciata', meaning: 'solo fonti che la annunciano come futura ne parlano' },
  inferred: { label: 'Dedotta', meaning: 'nessuna fonte la afferma: è una deduzione motivata' },
};
export const evidenceStatusOf = (evidence) => (evidence && EVIDENCE_LABELS[evidence.status] ? evidence.status : null);
export const evidenceLabel = (status) => EVIDENCE_LABELS[status]?.label ?? humanize(status);

export const COVERAGE_LABELS = {
  covered: 'Data coperta dalle fonti',
  uncovered: 'Nessuna fonte copre questa data: l’assenza di unità non prova che non ce ne fossero',
};

/** Qualifiers of a recorded fact (provenance.qualifiers[].kind). */
const QUALIFIER_KINDS = { approximate: 'approssimata', inferred: 'dedotta' };
export const qualifierKindLabel = (kind) => QUALIFIER_KINDS[kind] ?? humanize(kind);

/** The attribute a qualifier's field names (its last path segment: "changes/1/parentId" → "parentId"). */
const FIELDS = {
  effectiveFrom: 'data di validità',
  parentId: 'dipendenza',
  name: 'nome',
  kind: 'tipo',
  person: 'responsabile',
  title: 'titolo',
  head: 'responsabile',
  text: 'testo',
  unitId: 'unità',
  toUnitId: 'unità di destinazione',
  target: 'target',
  years: 'anni del piano',
  links: 'collegamenti',
  indicators: 'indicatori',
  measuredAt: 'data della misurazione',
  value: 'valore',
  changes: 'modifica',
};
export function qualifiedFieldLabel(field) {
  const parts = String(field).split('/').filter((part) => !/^\d+$/.test(part));
  const last = parts.at(-1) ?? field;
  return FIELDS[last] ?? humanize(last);
}

/** The API's stable error codes (problem+json `code`). */
const ERRORS = {
  bad_request: 'La richiesta non è valida',
  not_found: 'Non trovato',
  conflict: 'Esiste già',
  precondition_failed: 'I dati sono cambiati nel frattempo: ricarica e riprova',
  unprocessable: 'La modifica non è applicabile allo stato a quella data',
  wrong_expected_revision: 'I dati sono cambiati nel frattempo: ricarica e riprova',
  invalid_event: 'La modifica non è valida',
  unavailable: 'Servizio temporaneamente non disponibile',
  unauthorized: 'Serve un token di accesso valido',
  forbidden: 'Il token non consente questa operazione',
  too_many_requests: 'Troppe richieste: attendi qualche secondo',
  payload_too_large: 'Dati troppo grandi',
  unsupported_media_type: 'Formato dei dati non supportato',
  uri_too_long: 'Indirizzo troppo lungo',
  internal: 'Errore interno del servizio',
  network: 'Il servizio non risponde: controlla la connessione',
  before_any_data: 'Non esistono dati registrati prima di questo istante',
  insufficient_storage: 'Spazio su disco esaurito nel servizio',
};
export const errorLabel = (code) => ERRORS[code] ?? 'Errore imprevisto';

/** Fields the API names in problems[].field, for "campo …" in error messages. */
const PROBLEM_FIELDS = {
  at: 'data',
  asKnownAt: 'come noto al',
  from: 'data iniziale',
  to: 'data finale',
  q: 'testo da cercare',
  value: 'valore',
  measuredAt: 'data della misurazione',
  year: 'anno',
  Authorization: 'token',
};
export const problemFieldLabel = (field) => PROBLEM_FIELDS[field] ?? field;

export const PLURALS = {
  unit: ['unità', 'unità'],
  activeUnit: ['unità attiva', 'unità attive'],
  competency: ['competenza', 'competenze'],
  objective: ['obiettivo', 'obiettivi'],
  indicator: ['indicatore', 'indicatori'],
  change: ['modifica', 'modifiche'],
  event: ['evento', 'eventi'],
  fact: ['fatto', 'fatti'],
  day: ['giorno', 'giorni'],
  measurement: ['misurazione', 'misurazioni'],
};
/** plural(3, 'competency') → "3 competenze". */
export function plural(count, word) {
  const [one, many] = PLURALS[word] ?? [word, word];
  return `${count} ${count === 1 ? one : many}`;
}
