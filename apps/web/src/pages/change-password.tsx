// The signed-in user's own new password: required first after a one-time password from an administrator (nothing
// else opens until then), and open to anyone from the header. The API ends every other session of the account.
import { useState } from 'react';
import { ApiError } from '../api/client';
import { ProblemBanner, TextField } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { homeOf, takeTarget } from '../lib/roles';
import { useSession, useUser } from '../lib/session';

const MIN_LENGTH = 12;

export default function ChangePassword() {
  const { tr } = useI18n();
  const user = useUser();
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const forced = Boolean(user.passwordChangeRequired);

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = tr('此项为必填项', 'is required');
    if ([...next].length < MIN_LENGTH) found.newPassword = tr(`至少 ${MIN_LENGTH} 个字符`, `at least ${MIN_LENGTH} characters`);
    if (repeat !== next) found.repeat = tr('两次输入的新密码不一致', 'does not match the new password');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const u = await changePassword(current, next);
      navigate(takeTarget() ?? homeOf(u.role), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors) setErrors(Object.fromEntries(e.problem.errors.map((f) => [f.field, f.message])));
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page" aria-labelledby="h-password">
      <div className="card signin-card narrow">
        <h2 id="h-password">{tr('设置新密码', 'Choose a new password')}</h2>
        {forced ? (
          <p className="banner banner-warn" data-testid="password-change-required">
            {tr('您使用的是管理员发放的一次性密码。请先设置自己的密码，然后才能继续使用系统。', 'You signed in with a one-time password from an administrator. Choose your own password before you go on.')}
          </p>
        ) : null}
        <ProblemBanner error={problem} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {/* For password managers: whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <TextField
            label={forced ? tr('一次性密码', 'One-time password') : tr('当前密码', 'Current password')}
            field="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            error={errors.currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <TextField
            label={tr('新密码', 'New password')}
            field="newPassword"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            error={errors.newPassword}
            hint={tr(`至少 ${MIN_LENGTH} 个字符；可使用一句好记的话。`, `At least ${MIN_LENGTH} characters; a sentence you remember works well.`)}
            onChange={(e) => setNext(e.target.value)}
          />
          <TextField
            label={tr('再次输入新密码', 'New password again')}
            field="repeat"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            error={errors.repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-password">
            {tr('保存新密码', 'Save the new password')}
          </button>
        </form>
      </div>
    </section>
  );
}
