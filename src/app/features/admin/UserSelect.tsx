import type { UserInfo } from '../../../sync/protocol.ts';

/** A labelled choice of one of the school's users, shown as "Full name (login)", the first option empty. */
export function UserSelect({ id, label, emptyLabel, users, value, onChange }: { id: string; label: string; emptyLabel: string; users: readonly UserInfo[]; value: string; onChange: (userId: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.fullName} ({u.username})
          </option>
        ))}
      </select>
    </div>
  );
}
