// Editing ordered lists in place (materials, process steps, conditions):
// reactive arrays keep their identity, so bound forms follow the move.

// Moves list[index] by delta places (-1 up, +1 down). false when it cannot move.
export function moveEntry<T>(list: T[], index: number, delta: number): boolean {
  const target = index + delta;
  if (!Number.isInteger(index) || index < 0 || index >= list.length) return false;
  if (!Number.isInteger(target) || target < 0 || target >= list.length || delta === 0) return false;
  const [entry] = list.splice(index, 1) as [T];
  list.splice(target, 0, entry);
  return true;
}

export function removeEntry<T>(list: T[], index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= list.length) return false;
  list.splice(index, 1);
  return true;
}

// A key for v-for that follows an object when it moves (index keys would
// leave each input on its old place).
const keys = new WeakMap<object, number>();
let nextKey = 1;
export function stableKey(entry: object): number {
  let key = keys.get(entry);
  if (key === undefined) {
    key = nextKey++;
    keys.set(entry, key);
  }
  return key;
}

// A record that changed (a step in a drawer, a dialog's answer) goes into the
// list on screen without reading the list again.
interface WithId { id: number }

// In place of the row with its id, or first when the list did not have it.
export function upsertById<T extends WithId>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list.splice(i, 1, item);
  else list.unshift(item);
}

// In place of the row with its id while it still fits the list's filter
// (`fits`), else out of the list; nothing when the list did not have it.
export function replaceById<T extends WithId>(list: T[], item: T, fits: boolean): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return;
  if (fits) list.splice(i, 1, item);
  else list.splice(i, 1);
}
