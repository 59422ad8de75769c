import { profileSchema, PROFILE_FIELDS, type Profile } from '../../domain/records.ts';
import type { LogbookDatabase } from './database.ts';
import { nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

export type ProfileFields = Omit<Profile, 'id' | 'updatedAt'>;

export const EMPTY_PROFILE: ProfileFields = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, ''])) as ProfileFields;

export async function getProfile(db: LogbookDatabase): Promise<Profile | undefined> {
  return db.profile.get('profile');
}

export async function saveProfile(db: LogbookDatabase, fields: ProfileFields): Promise<Profile> {
  const profile = profileSchema.parse({ ...fields, id: 'profile', updatedAt: nowIso() });
  await db.transaction('rw', db.profile, db.outbox, async () => {
    await db.profile.put(profile);
    await enqueue(db, 'profile', profile.id, 'put');
  });
  return profile;
}
