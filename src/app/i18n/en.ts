import type { Messages } from './vi.ts';

export const en: Messages = {
  app: { name: 'Sổ Bồi Dưỡng' },
  nav: { home: 'Home', month: 'Month', semester: 'Semester', search: 'Search', settings: 'Settings', newEntry: 'New entry' },
  errors: {
    invalid: 'Invalid value.',
    notFound: 'Not found.',
    tooLong: 'Too long.',
    dateRequired: 'Choose a date.',
    dateInvalid: 'Invalid date (dd/mm/yyyy).',
    contentRequired: 'Enter what you studied.',
    formRequired: 'Choose a form of training.',
    periodsNotNumber: 'Periods must be a number.',
    periodsPositive: 'Periods must be greater than 0.',
    periodsTooMany: 'At most 12 periods per entry.',
    periodsStep: 'Periods are rounded to 0.25.',
    moduleRequired: 'Program 03 needs a GVPT module.',
    hk1Order: 'Semester I must end after it starts.',
    hk2Order: 'Semester II must end after it starts.',
    semesterOverlap: 'Semester II must start after Semester I ends.',
  },
  storageErrors: {
    quota: 'The browser storage is full, so this was not saved. Back up, then free space used by other sites.',
    closed: 'The local data store could not be opened. Reload the page; what you typed is still on screen.',
    version: 'The data on this device comes from a newer version. Reload to update the app.',
    unknown: 'Could not save on this device. What you typed is still on screen; try again.',
  },
  backup: {
    notJson: 'This file is not a valid JSON backup. Your data is unchanged.',
    foreign: 'This file is not a Sổ Bồi Dưỡng backup. Your data is unchanged.',
    tooNew: 'This backup comes from a newer version. Update the app and try again.',
    damaged: 'The backup file is damaged or incomplete. Your data is unchanged.',
  },
};
