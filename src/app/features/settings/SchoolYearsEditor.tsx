import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { useSchoolContext } from '../../db/foreign.ts';
import { listSchoolYears } from '../../db/schoolYears.ts';
import { Loading } from '../../ui/Loading.tsx';
import { AddSchoolYear } from './AddSchoolYear.tsx';
import { SchoolYearDatesForm } from './SchoolYearDatesForm.tsx';

export function SchoolYearsEditor() {
  const db = useDatabase();
  const years = useLiveQuery(() => listSchoolYears(db), [db]);
  const context = useSchoolContext();
  if (!years) return <Loading />;
  // Years whose dates the school sets (school settings): her device takes them at every sync.
  const bySchool = new Set((context?.settings.schoolYears ?? []).map((y) => y.startYear));
  const newest = years.at(-1)?.startYear;
  return (
    <>
      {[...years].reverse().map((year) => (
        // Re-keyed on save so the form shows what is stored.
        <SchoolYearDatesForm key={`${year.id}-${year.updatedAt}`} year={year} setBySchool={bySchool.has(year.startYear)} />
      ))}
      <AddSchoolYear suggested={newest !== undefined ? newest + 1 : new Date().getFullYear()} />
    </>
  );
}
