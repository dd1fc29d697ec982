// Types of org-order.js, for the server (the PDF) and the tests.
export interface OrderedUnit {
  unitId: string;
  name: string;
  kind: string;
}
export function compareUnits(a: OrderedUnit, b: OrderedUnit): number;
export function orderTree<T extends OrderedUnit & { children: T[] }>(nodes: T[]): T[];
export function isTopManagement(unit: OrderedUnit): boolean;
