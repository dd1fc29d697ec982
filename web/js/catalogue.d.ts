// Types of catalogue.js, for the server (the PDF) and the tests that import it from TypeScript.
export type EvidenceStatus = 'enacted' | 'attested' | 'carried-forward' | 'announced' | 'inferred';
export function humanize(code: string | null | undefined): string;
export function unitKindLabel(kind: string): string;
export function actKindLabel(kind: string | null | undefined): string;
export function eventLabel(type: string): string;
export function changeLabel(change: string): string;
export const EVIDENCE_STATUSES: EvidenceStatus[];
export const EVIDENCE_LABELS: Record<EvidenceStatus, { label: string; meaning: string }>;
export function evidenceStatusOf(evidence: unknown): EvidenceStatus | null;
export function evidenceLabel(status: string): string;
export const COVERAGE_LABELS: Record<'covered' | 'uncovered', string>;
export function qualifierKindLabel(kind: string): string;
export function qualifiedFieldLabel(field: string): string;
export function errorLabel(code: string): string;
export function problemFieldLabel(field: string): string;
export const PLURALS: Record<string, [string, string]>;
export function plural(count: number, word: string): string;
