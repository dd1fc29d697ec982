/**
 * The searchable form of a text: its words, accent- and case-insensitive. Decomposes (NFD),
 * drops combining marks ("è" → "e"), lower-cases, and splits on every character that is
 * neither a letter nor a digit (so "dell'Ente" is "dell", "ente").
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
