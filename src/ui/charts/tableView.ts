/** Which charts are shown as a table, by chart id: kept while their tab is hidden and shown again. */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

const tableViewStore = createStore<Record<string, boolean>>(() => ({}));

/** Whether chart `id` shows its table, and a toggle. */
export function useTableView(id: string): [boolean, () => void] {
  const on = useStore(tableViewStore, (s) => s[id] === true);
  return [on, () => tableViewStore.setState({ [id]: !tableViewStore.getState()[id] })];
}
