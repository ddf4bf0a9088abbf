// The workbench list as last shown in this tab (its tab, search and stage, `?queue=…&q=…&state=…`), so that a case's
// "back to the list" returns to it rather than to the first tab.
const KEY = 'lyg.work.list';

export function rememberWorkList(search: string): void {
  try {
    sessionStorage.setItem(KEY, search);
  } catch {
    // no storage: "back to the list" shows the first tab
  }
}

export function workListPath(): string {
  try {
    const search = sessionStorage.getItem(KEY) ?? '';
    return `/work${/^\?[\w.%&=+-]*$/.test(search) ? search : ''}`;
  } catch {
    return '/work';
  }
}
