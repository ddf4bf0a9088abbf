// Sign-in; in demo mode (the server says so in the page's <meta name="lyg-demo">) the demo accounts are listed and
// one click fills the form.
import { useState } from 'react';
import { ProblemBanner, TextField } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { ROLE_LABELS } from '../i18n/labels';
import { navigate } from '../lib/router';
import { homeOf, takeTarget } from '../lib/roles';
import { sessionEnded, useSession } from '../lib/session';

export const DEMO_PASSWORD = 'demo-pass-2026';

/** contract.md "Demo data". */
const DEMO_ACCOUNTS: { email: string; role: string; org: { zh: string; en: string } }[] = [
  { email: 'enterprise@demo.example', role: 'enterprise', org: { zh: '连云港康恒医药有限公司', en: 'Lianyungang Kangheng Pharmaceutical' } },
  { email: 'enterprise2@demo.example', role: 'enterprise', org: { zh: '连云港海信新材料有限公司', en: 'Lianyungang Haixin New Materials' } },
  { email: 'agent@demo.example', role: 'enterprise', org: { zh: '连云港知信专利代理事务所', en: 'Zhixin Patent Agency' } },
  { email: 'examiner@demo.example', role: 'examiner', org: { zh: '中国(连云港)知识产权保护中心', en: 'IP Protection Center' } },
  { email: 'supervisor@demo.example', role: 'supervisor', org: { zh: '中国(连云港)知识产权保护中心', en: 'IP Protection Center' } },
  { email: 'mediator@demo.example', role: 'mediator', org: { zh: '知识产权纠纷人民调解委员会', en: "People's Mediation Committee" } },
  { email: 'officer@demo.example', role: 'officer', org: { zh: '市场监督管理局(知识产权局)', en: 'Market Regulation (IP) Bureau' } },
  { email: 'police@demo.example', role: 'police', org: { zh: '连云港市公安局', en: 'Lianyungang Public Security Bureau' } },
  { email: 'court@demo.example', role: 'court', org: { zh: '连云港市中级人民法院', en: 'Lianyungang Intermediate Court' } },
  { email: 'customs@demo.example', role: 'customs', org: { zh: '连云港海关', en: 'Lianyungang Customs' } },
  { email: 'admin@demo.example', role: 'admin', org: { zh: '系统管理员', en: 'System administrator' } },
];

const isDemo = () => document.querySelector('meta[name="lyg-demo"]')?.getAttribute('content') === 'true';

export default function SignIn() {
  const { tr, label, l } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Shown instead of the page the user was on: say why (they come back to it after signing in).
  const ended = sessionEnded();

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const user = await signIn(email.trim(), password);
      navigate(user.passwordChangeRequired ? '/password' : (takeTarget() ?? homeOf(user.role)), { replace: true });
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page sign-in" aria-labelledby="h-signin">
      <div className="card signin-card">
        <h2 id="h-signin">{tr('登录', 'Sign in')}</h2>
        {ended ? (
          <p className="banner banner-warn" role="status" data-testid="session-ended">
            {tr('登录已过期或已被结束，请重新登录；登录后回到原页面。', 'Your session has expired or was ended. Sign in again to return to the page you were on.')}
          </p>
        ) : null}
        <ProblemBanner error={problem} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextField label={tr('邮箱', 'E-mail')} field="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <TextField label={tr('密码', 'Password')} field="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <button type="submit" className="btn btn-primary" disabled={busy || !email || !password}>
            {tr('登录', 'Sign in')}
          </button>
        </form>
      </div>
      {isDemo() ? (
        <div className="card demo-card" data-testid="demo-accounts">
          <h3>{tr('演示账号', 'Demo accounts')}</h3>
          <p className="muted small">
            {tr('点击即可填入（密码 ', 'Click to fill in (password ')}
            <code>{DEMO_PASSWORD}</code>
            {tr('）。', ').')}
          </p>
          <ul className="demo-list">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="demo-account"
                  data-email={a.email}
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(DEMO_PASSWORD);
                  }}
                >
                  <strong>{label(ROLE_LABELS, a.role)}</strong> <span>{a.email}</span>
                  <span className="muted small">{l(a.org)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
