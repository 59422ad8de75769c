import type { Localized } from './localized.ts';

/** Chuẩn nghề nghiệp giáo viên (Thông tư 20/2018): 5 standards, 15 criteria. */
export const CRITERIA_VERSION = 1;

export interface Criterion {
  readonly number: number;
  readonly standard: number;
  readonly label: Localized;
}

export const STANDARDS: ReadonlyArray<{ number: number; label: Localized }> = [
  { number: 1, label: { vi: 'Phẩm chất nhà giáo', en: 'Teacher qualities' } },
  { number: 2, label: { vi: 'Phát triển chuyên môn, nghiệp vụ', en: 'Professional development' } },
  { number: 3, label: { vi: 'Xây dựng môi trường giáo dục', en: 'Educational environment' } },
  { number: 4, label: { vi: 'Phát triển mối quan hệ giữa nhà trường, gia đình và xã hội', en: 'School, family and society' } },
  {
    number: 5,
    label: {
      vi: 'Sử dụng ngoại ngữ hoặc tiếng dân tộc, ứng dụng công nghệ thông tin, khai thác và sử dụng thiết bị công nghệ trong dạy học, giáo dục',
      en: 'Languages, ICT and technology in teaching',
    },
  },
];

export const CRITERIA: readonly Criterion[] = [
  { number: 1, standard: 1, label: { vi: 'Đạo đức nhà giáo', en: 'Teacher ethics' } },
  { number: 2, standard: 1, label: { vi: 'Phong cách nhà giáo', en: 'Teacher manner' } },
  { number: 3, standard: 2, label: { vi: 'Phát triển chuyên môn bản thân', en: 'Own professional growth' } },
  { number: 4, standard: 2, label: { vi: 'Xây dựng kế hoạch dạy học và giáo dục theo hướng phát triển phẩm chất, năng lực học sinh', en: 'Planning teaching for competences' } },
  { number: 5, standard: 2, label: { vi: 'Sử dụng phương pháp dạy học và giáo dục theo hướng phát triển phẩm chất, năng lực học sinh', en: 'Teaching methods for competences' } },
  { number: 6, standard: 2, label: { vi: 'Kiểm tra, đánh giá theo hướng phát triển phẩm chất, năng lực học sinh', en: 'Assessment for competences' } },
  { number: 7, standard: 2, label: { vi: 'Tư vấn và hỗ trợ học sinh', en: 'Advising and supporting students' } },
  { number: 8, standard: 3, label: { vi: 'Xây dựng văn hóa nhà trường', en: 'School culture' } },
  { number: 9, standard: 3, label: { vi: 'Thực hiện quyền dân chủ trong nhà trường', en: 'Democracy in school' } },
  { number: 10, standard: 3, label: { vi: 'Thực hiện và xây dựng trường học an toàn, phòng chống bạo lực học đường', en: 'Safe school, anti-violence' } },
  { number: 11, standard: 4, label: { vi: 'Tạo dựng mối quan hệ hợp tác với cha mẹ hoặc người giám hộ của học sinh và các bên liên quan', en: 'Cooperation with parents' } },
  { number: 12, standard: 4, label: { vi: 'Phối hợp giữa nhà trường, gia đình và xã hội để thực hiện hoạt động dạy học cho học sinh', en: 'Cooperation for teaching' } },
  { number: 13, standard: 4, label: { vi: 'Phối hợp giữa nhà trường, gia đình và xã hội để thực hiện giáo dục đạo đức, lối sống cho học sinh', en: 'Cooperation for moral education' } },
  { number: 14, standard: 5, label: { vi: 'Sử dụng ngoại ngữ hoặc tiếng dân tộc', en: 'Foreign or ethnic language' } },
  { number: 15, standard: 5, label: { vi: 'Ứng dụng công nghệ thông tin, khai thác và sử dụng thiết bị công nghệ trong dạy học, giáo dục', en: 'ICT and technology in teaching' } },
];
