import { describe, expect, it } from 'vitest';
import { BDTX_MODULE_CODES, BDTX_MODULES, BDTX_PROGRAM_CODES, BDTX_PROGRAMS, BDTX_YEARLY_TIET } from '../../../src/domain/catalogs/bdtx.ts';
import { CRITERIA, STANDARDS } from '../../../src/domain/catalogs/criteria.ts';
import { TRAINING_FORM_CODES, TRAINING_FORMS } from '../../../src/domain/catalogs/trainingForms.ts';

describe('catalogs', () => {
  it('has the 8 forms of training of the plan, with unique codes and both languages', () => {
    expect(TRAINING_FORMS).toHaveLength(8);
    expect(new Set(TRAINING_FORM_CODES).size).toBe(8);
    for (const form of TRAINING_FORMS) {
      expect(form.label.vi.length).toBeGreaterThan(0);
      expect(form.label.en.length).toBeGreaterThan(0);
    }
    expect(TRAINING_FORMS.map((f) => f.label.vi)).toContain('Dự giờ thăm lớp');
  });
  it('has BDTX programs 01, 02, 03 planned to the 120 tiết of a year', () => {
    expect(BDTX_PROGRAM_CODES).toEqual(['01', '02', '03']);
    expect(BDTX_PROGRAMS.reduce((sum, p) => sum + p.plannedTiet, 0)).toBe(BDTX_YEARLY_TIET);
    expect(BDTX_YEARLY_TIET).toBe(120);
    expect(BDTX_PROGRAMS.find((p) => p.code === '03')?.plannedTiet).toBe(40);
  });
  it('has 5 standards and 15 criteria numbered 1…15, each in an existing standard', () => {
    expect(STANDARDS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(CRITERIA.map((c) => c.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const perStandard = STANDARDS.map((s) => CRITERIA.filter((c) => c.standard === s.number).length);
    expect(perStandard).toEqual([2, 5, 3, 3, 2]);
  });
  it('maps modules GVPT 01 … GVPT 15 onto the 15 criteria', () => {
    expect(BDTX_MODULE_CODES).toEqual(Array.from({ length: 15 }, (_, i) => `GVPT ${String(i + 1).padStart(2, '0')}`));
    for (const m of BDTX_MODULES) {
      const criterion = CRITERIA.find((c) => c.number === m.criterion);
      expect(criterion).toBeDefined();
      expect(m.label).toEqual(criterion?.label);
      expect(m.typicalTiet).toBe(20);
    }
    expect(BDTX_MODULES.find((m) => m.code === 'GVPT 15')?.label.vi).toMatch(/^Ứng dụng công nghệ thông tin/);
  });
  it('keeps catalog labels in NFC', () => {
    const labels = [...TRAINING_FORMS, ...BDTX_PROGRAMS, ...CRITERIA, ...STANDARDS].flatMap((x) => [x.label.vi, x.label.en]);
    for (const label of labels) expect(label).toBe(label.normalize('NFC'));
  });
});
