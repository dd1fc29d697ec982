// Types of format.js, for the unit tests.
export function formatDate(date: string | null | undefined): string;
export function formatShortDate(date: string | null | undefined): string;
export function formatInstant(iso: string | null | undefined): string;
export function parseItalianDate(text: string): string | null;
export function parseItalianInstant(text: string): string | null;
export function todayDate(now?: Date): string;
export function actLabel(act: { id: string; kind?: string | null; title?: string | null; date?: string | null } | null): string;
