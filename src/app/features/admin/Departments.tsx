import { useTranslation } from 'react-i18next';
import type { UserInfo } from '../../../sync/protocol.ts';

/**
 * Tổ chuyên môn as the accounts define them: every department named on a user, its tổ trưởng(s) and
 * members. A tổ exists while someone belongs to it; membership is changed on the user ("Sửa họ tên, tổ").
 */
export function Departments({ users }: { users: UserInfo[] }) {
  const { t } = useTranslation();
  const names = new Set<string>();
  for (const u of users) {
    if (u.department) names.add(u.department);
    for (const r of u.roles) if (r.role === 'leader' && r.department) names.add(r.department);
  }
  const departments = [...names].sort((a, b) => a.localeCompare(b, 'vi'));
  const unassigned = users.filter((u) => !u.department && u.roles.some((r) => r.role === 'teacher'));
  return (
    <section className="panel" id="to-chuyen-mon" aria-labelledby="admin-departments">
      <h2 id="admin-departments">{t('admin.departments.title')}</h2>
      <p className="field__hint">{t('admin.departments.hint')}</p>
      {departments.length === 0 ? <p>{t('admin.departments.none')}</p> : null}
      <ul className="admin-departments">
        {departments.map((d) => {
          const heads = users.filter((u) => u.active && u.roles.some((r) => r.role === 'leader' && r.department === d));
          const members = users.filter((u) => u.department === d).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
          return (
            <li key={d}>
              <h3>{d}</h3>
              <p>
                {t('admin.departments.head')}: {heads.length > 0 ? heads.map((u) => u.fullName).join(', ') : t('admin.departments.noHead')}
              </p>
              <p>
                {t('admin.departments.members', { count: members.length })}: {members.map((u) => u.fullName + (u.active ? '' : ` ${t('admin.departments.inactive')}`)).join(', ') || '—'}
              </p>
            </li>
          );
        })}
      </ul>
      {unassigned.length > 0 ? (
        <p>
          {t('admin.departments.unassigned')}: {unassigned.map((u) => u.fullName).join(', ')}
        </p>
      ) : null}
    </section>
  );
}
