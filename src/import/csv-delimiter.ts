/**
 * The separator of a table file's CSV dialect, one rule for every importer (plan tables and
 * snapshots): `;` when the header line has more semicolons than commas outside quotes, else `,`.
 * A leading byte order mark is ignored.
 */
export function delimiterOf(head: Buffer | string): ',' | ';' {
  const text = (typeof head === 'string' ? head : head.toString('utf8')).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  return (unquoted.match(/;/g)?.length ?? 0) > (unquoted.match(/,/g)?.length ?? 0) ? ';' : ',';
}
