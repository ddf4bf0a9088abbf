// The shell: header with the role's navigation and the language switch, and the routes, each screen group its
// own chunk (React.lazy) so the sign-in and the portal load only what they show.
import type { Role } from '@lyg/domain/model';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Spinner } from './components/ui';
import { useI18n } from './i18n/i18n';
import { ROLE_LABELS } from './i18n/labels';
import { Link, match, navigate, useLocation } from './lib/router';
import { AGENCY_ROLES, casePathOf, homeOf, rememberTarget, takeTarget } from './lib/roles';
import { useSession } from './lib/session';

const SignIn = lazy(() => import('./pages/sign-in'));
const MyCases = lazy(() => import('./pages/enterprise/my-cases'));
const Wizard = lazy(() => import('./pages/enterprise/wizard'));
const CasePage = lazy(() => import('./pages/case-page'));
const Queue = lazy(() => import('./pages/work/queue'));
const Inbox = lazy(() => import('./pages/agency/inbox'));
const Dashboard = lazy(() => import('./pages/supervisor/dashboard'));
const Admin = lazy(() => import('./pages/admin/admin'));
const ChangePassword = lazy(() => import('./pages/change-password'));
// The respondent's answer link: no account, so it stands outside the signed-in routes.
const Respond = lazy(() => import('./pages/respond/respond-page'));

const STAFF: readonly Role[] = ['examiner', 'supervisor', 'mediator', 'officer'];

interface RouteDef {
  path: string;
  roles: readonly Role[] | 'any';
  render(params: Record<string, string>): ReactNode;
}

const ROUTES: RouteDef[] = [
  { path: '/portal', roles: ['enterprise'], render: () => <MyCases /> },
  { path: '/portal/new', roles: ['enterprise'], render: () => <Wizard /> },
  { path: '/portal/cases/:id', roles: ['enterprise'], render: (p) => <CasePage id={p.id} back="/portal" /> },
  { path: '/work', roles: STAFF, render: () => <Queue /> },
  { path: '/work/cases/:id', roles: [...STAFF, 'admin'], render: (p) => <CasePage id={p.id} back="/work" /> },
  { path: '/inbox', roles: AGENCY_ROLES, render: () => <Inbox /> },
  { path: '/inbox/cases/:id', roles: AGENCY_ROLES, render: (p) => <CasePage id={p.id} back="/inbox" /> },
  { path: '/dashboard', roles: ['supervisor', 'admin'], render: () => <Dashboard /> },
  { path: '/admin', roles: ['admin'], render: () => <Admin /> },
  { path: '/password', roles: 'any', render: () => <ChangePassword /> },
];

function Nav({ role }: { role: Role }) {
  const { tr } = useI18n();
  const { path } = useLocation();
  const items: [string, string][] = [];
  if (role === 'enterprise') items.push(['/portal', tr('我的案件', 'My cases')], ['/portal/new', tr('新建投诉', 'New complaint')]);
  if (STAFF.includes(role)) items.push(['/work', tr('工作台', 'Workbench')]);
  if (role === 'supervisor' || role === 'admin') items.push(['/dashboard', tr('看板', 'Dashboard')]);
  if (AGENCY_ROLES.includes(role)) items.push(['/inbox', tr('收件箱', 'Inbox')]);
  if (role === 'admin') items.push(['/admin', tr('系统管理', 'Administration')]);
  return (
    <nav aria-label={tr('主导航', 'Main')}>
      <ul className="nav">
        {items.map(([to, text]) => (
          <li key={to}>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const next = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="btn btn-small lang" onClick={() => setLang(next)} lang={next} data-testid="language-switch" aria-label={next === 'en' ? 'Switch to English' : '切换到中文'}>
      {next === 'en' ? 'English' : '中文'}
    </button>
  );
}

export function App() {
  const { tr, label } = useI18n();
  const { user, signOut } = useSession();
  const { path, search } = useLocation();
  // Taken as it stands in the address (a link token is base64url; anything else is simply a link that does not open).
  const respondToken = /^\/respond\/([^/]+)\/?$/.exec(path)?.[1] ?? null;
  const respond = respondToken !== null;
  // After a one-time password, choosing one's own comes before anything else (the API refuses the rest meanwhile).
  const mustChangePassword = Boolean(user?.passwordChangeRequired);

  useEffect(() => {
    if (respond) return;
    if (!user && path !== '/login') {
      // A link opened signed out (a notice's case link) opens after signing in.
      rememberTarget(path + search);
      navigate('/login', { replace: true });
    } else if (mustChangePassword && path !== '/password') navigate('/password', { replace: true });
    else if (user && (path === '/' || path === '/login')) navigate(takeTarget() ?? homeOf(user.role), { replace: true });
    else if (user) {
      // Notices link `/cases/:id`: the case's page where this role works (the language of `?lang=` kept).
      const caseId = /^\/cases\/([^/]+)\/?$/.exec(path)?.[1];
      if (caseId) navigate(casePathOf(user.role, caseId) + search, { replace: true });
    }
  }, [user, path, search, respond, mustChangePassword]);

  let page: ReactNode = null;
  if (respondToken !== null) page = <Respond token={respondToken} />;
  else if (!user) page = path === '/login' ? <SignIn /> : null;
  else if (mustChangePassword) page = path === '/password' ? <ChangePassword /> : null;
  else {
    for (const r of ROUTES) {
      const params = match(r.path, path);
      if (params) {
        page = r.roles === 'any' || r.roles.includes(user.role) ? r.render(params) : <p className="banner banner-error">{tr('您的角色无权访问此页面。', 'Your role may not open this page.')}</p>;
        break;
      }
    }
    if (!page && path !== '/' && path !== '/login' && !/^\/cases\/[^/]+\/?$/.test(path)) page = <p>{tr('页面不存在。', 'Page not found.')}</p>;
  }

  return (
    <>
      <a className="skip" href="#main">
        {tr('跳到正文', 'Skip to content')}
      </a>
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            连
          </span>
          <div>
            <div className="brand-title">{tr('知识产权纠纷快速保护', 'IP Dispute Fast Protection')}</div>
            <div className="brand-sub">{tr('中国(连云港)知识产权保护中心', 'China (Lianyungang) IP Protection Center')}</div>
          </div>
        </div>
        {user && !respond && !mustChangePassword ? <Nav role={user.role} /> : null}
        <div className="header-right">
          <LanguageSwitch />
          {user && !respond ? (
            <>
              <span className="who" data-testid="who">
                {label(ROLE_LABELS, user.role)} · {user.email}
              </span>
              {mustChangePassword ? null : (
                <Link to="/password" className="btn btn-small">
                  {tr('修改密码', 'Password')}
                </Link>
              )}
              <button type="button" className="btn btn-small" onClick={signOut}>
                {tr('退出', 'Sign out')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Spinner />}>{page}</Suspense>
      </main>
    </>
  );
}
