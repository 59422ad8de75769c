import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_FIELDS } from '../../../domain/records.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { EMPTY_PROFILE, getProfile, saveProfile, type ProfileFields } from '../../db/profile.ts';
import { Loading } from '../../ui/Loading.tsx';
import { useNotify } from '../../ui/Notices.tsx';

const AUTOCOMPLETE: Partial<Record<(typeof PROFILE_FIELDS)[number], string>> = {
  fullName: 'name',
  school: 'organization',
  position: 'organization-title',
  district: 'address-level2',
  province: 'address-level1',
};

export function ProfileForm() {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [values, setValues] = useState<ProfileFields | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getProfile(db).then(
      (profile) => {
        if (!live) return;
        const { id: _id, updatedAt: _at, ...fields } = profile ?? { ...EMPTY_PROFILE, id: 'profile', updatedAt: '' };
        setValues(fields);
      },
      () => live && setValues(EMPTY_PROFILE),
    );
    return () => {
      live = false;
    };
  }, [db]);

  if (!values) return <Loading />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    setError(null);
    try {
      await saveProfile(db, values);
      notify({ message: t('settings.profileSaved') });
    } catch (err) {
      setError(t(storageErrorKey(err)));
    }
  }

  return (
    <form className="profile-form" onSubmit={submit}>
      <div className="grid-2">
        {PROFILE_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`profile-${field}`}>{t(`settings.${field}`)}</label>
            <input
              id={`profile-${field}`}
              type="text"
              autoComplete={AUTOCOMPLETE[field] ?? 'off'}
              value={values[field]}
              onChange={(event) => {
                const value = event.target.value;
                setValues((v) => (v ? { ...v, [field]: value } : v));
              }}
            />
          </div>
        ))}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary">
        {t('settings.saveProfile')}
      </button>
    </form>
  );
}
