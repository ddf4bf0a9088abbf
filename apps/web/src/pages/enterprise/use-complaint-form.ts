// Form state shared by the wizard and the correction screen: the draft, which fields the user has touched, the
// client-side issues (shown as the user types) and the API's 422 field errors (shown until that field is edited).
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { checkDraft, issueMessage, type ComplaintDraft } from '../../lib/complaint-form';
import { setAt } from './complaint-fields';

export function useComplaintForm(initial: () => ComplaintDraft, persistKey?: string) {
  const { lang } = useI18n();
  const [draft, setDraft] = useState<ComplaintDraft>(() => {
    if (persistKey) {
      try {
        const saved = localStorage.getItem(persistKey);
        if (saved) return JSON.parse(saved) as ComplaintDraft;
      } catch {
        // a damaged saved draft is dropped
      }
    }
    return initial();
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const checked = useMemo(() => checkDraft(draft), [draft]);

  const set = useCallback(
    (path: string, value: unknown) => {
      setDraft((d) => {
        const next = setAt(d, path, value);
        if (persistKey) {
          try {
            localStorage.setItem(persistKey, JSON.stringify(next));
          } catch {
            // storage full or private mode: the draft lives in memory only
          }
        }
        return next;
      });
      setTouched((t) => new Set(t).add(path));
      setServerErrors((s) => {
        if (!(path in s)) return s;
        const { [path]: _dropped, ...rest } = s;
        return rest;
      });
    },
    [persistKey],
  );

  const visible = useCallback((path: string) => showAll || touched.has(path), [showAll, touched]);
  const error = useCallback(
    (path: string): string | null => {
      if (serverErrors[path]) return serverErrors[path];
      const issue = checked.errors[path];
      return issue && visible(path) ? issueMessage(issue, lang) : null;
    },
    [serverErrors, checked, visible, lang],
  );
  const warning = useCallback((path: string) => (checked.warnings[path] ? issueMessage(checked.warnings[path], lang) : null), [checked, lang]);

  /** Takes a 422 from the API: its field errors go next to their inputs. Returns the fields, or null if not a 422. */
  const takeProblem = useCallback((e: unknown): string[] | null => {
    if (!(e instanceof ApiError) || e.status !== 422 || !e.problem.errors?.length) return null;
    const map: Record<string, string> = {};
    for (const f of e.problem.errors) map[f.field] = f.message;
    setServerErrors(map);
    return Object.keys(map);
  }, []);

  const clearSaved = useCallback(() => {
    if (persistKey) localStorage.removeItem(persistKey);
  }, [persistKey]);

  return { draft, setDraft, set, error, warning, checked, showAll: () => setShowAll(true), takeProblem, serverErrors, clearSaved };
}

/** Moves focus to the first input showing an error (after a refused step or a 422). */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('.field-invalid input, .field-invalid select, .field-invalid textarea');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  });
}
