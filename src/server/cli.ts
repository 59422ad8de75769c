import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { schoolYearLabel } from '../domain/schoolYear.ts';
import { ROLES, createUserRequestSchema, type Role } from '../sync/protocol.ts';
import { DEFAULT_SCRYPT_N } from './auth/crypto.ts';
import { storeFromEnv } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { migrate } from './db/migrations.ts';
import { seedDemo } from './demo.ts';
import { ApiError } from './errors.ts';
import * as accounts from './store/accounts.ts';
import type { StoreContext } from './store/context.ts';

const HELP = `Quản trị máy chủ Sổ Bồi Dưỡng

Dùng: npm run admin -- <lệnh> [tuỳ chọn]
Kho dữ liệu: DATABASE_URL=postgres://… hoặc SQLite trong DATA_DIR (mặc định ./data).

Lệnh:
  create-school --name "<tên trường>" --admin <tên đăng nhập> --admin-name "<họ tên>"
      Tạo trường và quản trị viên đầu tiên; in mã kích hoạt dùng một lần.
  create-user --school "<mã hoặc tên trường>" --username <tên> --name "<họ tên>"
              --roles teacher[,mentor][,leader[:<tổ>]][,admin] [--department "<tổ>"]
      Tạo người dùng (leader không kèm tổ = ban giám hiệu; leader:Toán = tổ trưởng tổ Toán);
      in mã kích hoạt.
  reset-password <tên đăng nhập>
      Mã kích hoạt mới; mật khẩu cũ và mọi phiên đăng nhập hết hiệu lực.
  list-users --school "<mã hoặc tên trường>"
  mentors --school "<trường>" [--year <năm>]
      Các cặp hướng dẫn của một năm học (mặc định năm học hiện tại; --year 2025 hoặc 2025-2026).
  add-mentor --school "<trường>" --mentor <tên đăng nhập> --teacher <tên đăng nhập> [--year <năm>]
  remove-mentor --school "<trường>" --mentor <tên đăng nhập> --teacher <tên đăng nhập> [--year <năm>]
      Thêm / bỏ một cặp hướng dẫn cho năm học (mặc định năm học hiện tại). Chỉ cặp của năm học
      hiện tại cho người hướng dẫn đọc sổ; người bị bỏ mất quyền ở lần đồng bộ kế tiếp.
  copy-mentors --school "<trường>" [--from <năm>] [--to <năm>]
      Chép các cặp của năm học trước (hoặc --from) sang năm học hiện tại (hoặc --to), bỏ qua
      người đã khoá và cặp đã có.
  backup [--out <tệp.sqlite>]
      Sao lưu kho SQLite khi máy chủ vẫn chạy (mặc định DATA_DIR/backups/<thời điểm>.sqlite).
  export-pdf --user <tên đăng nhập> --year <năm khai giảng> [--semester HK1|HK2|year]
             [--sections profile,entries,bdtx,observations,innovation,skkn,semesterReflection]
             [--list-observations] [--out <tệp.pdf>]
      Xuất sổ bồi dưỡng của một giáo viên ra PDF (mặc định cả năm, vào thư mục hiện tại).
  demo
      Tạo trường demo có giáo viên, sổ bồi dưỡng mẫu và in các tài khoản.
  --help
      Trang này.

Ví dụ:
  npm run admin -- create-school --name "THCS Hoà Bình" --admin quantri --admin-name "Đỗ Văn Quản"
  npm run admin -- create-user --school "THCS Hoà Bình" --username gv.lan --name "Nguyễn Thị Lan" --roles teacher --department "Toán - Tin"
  npm run admin -- copy-mentors --school "THCS Hoà Bình"
  npm run admin -- backup --out /mnt/usb/so-boi-duong.sqlite
  npm run admin -- export-pdf --user gv.lan --year 2023 --semester HK1 --out so-lan-hk1.pdf
`;

function parseRoles(value: string): Array<{ role: Role; department?: string }> {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [role, ...rest] = part.split(':');
      if (!ROLES.includes(role as Role)) throw new Error(`Vai trò không hợp lệ: ${role}. Dùng: ${ROLES.join(', ')}`);
      return { role: role as Role, department: rest.join(':').trim() };
    });
}

function printActivation(result: { user: { username: string; fullName: string }; activationCode: string; expiresAt: string }): void {
  console.log(`Người dùng: ${result.user.fullName} (${result.user.username})`);
  console.log(`Mã kích hoạt (dùng một lần, hết hạn ${result.expiresAt.slice(0, 10)}): ${result.activationCode}`);
  console.log('Người dùng mở ứng dụng → Kết nối máy chủ trường → Kích hoạt tài khoản, nhập mã này và đặt mật khẩu (≥ 8 ký tự).');
}

/** "2025", "2025-2026" or "2025–2026" → 2025 (the opening calendar year); undefined when absent. */
function parseYear(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(value.trim());
  const start = match ? Number(match[1]) : Number.NaN;
  if (!match || start < 2000 || start > 2099 || (match[2] !== undefined && Number(match[2]) !== start + 1)) {
    throw new Error(`${option} không hợp lệ: "${value}". Ví dụ: 2025 hoặc 2025-2026`);
  }
  return start;
}

async function requireUserOf(ctx: StoreContext, schoolId: string, username: string | undefined, option: string): Promise<{ id: string; fullName: string }> {
  if (!username) throw new Error(`Thiếu ${option}`);
  const user = await accounts.findUserByUsername(ctx, username);
  if (!user || user.schoolId !== schoolId) throw new Error(`Không có người dùng "${username}" trong trường`);
  return user;
}

async function requireSchool(ctx: StoreContext, value: string | undefined): Promise<{ id: string; name: string }> {
  if (!value) throw new Error('Thiếu --school');
  const school = await accounts.findSchool(ctx, value);
  if (!school) throw new Error(`Không tìm thấy trường "${value}"`);
  return school;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, conn?: Connection): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string' },
      school: { type: 'string' },
      username: { type: 'string' },
      roles: { type: 'string' },
      department: { type: 'string' },
      out: { type: 'string' },
      user: { type: 'string' },
      year: { type: 'string' },
      semester: { type: 'string' },
      sections: { type: 'string' },
      'list-observations': { type: 'boolean' },
      mentor: { type: 'string' },
      teacher: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const known = ['create-school', 'create-user', 'reset-password', 'list-users', 'mentors', 'add-mentor', 'remove-mentor', 'copy-mentors', 'backup', 'demo', 'export-pdf'];
  if (!known.includes(command)) {
    console.error(`Lệnh không có: ${command}\n`);
    console.log(HELP);
    return 1;
  }

  const store = storeFromEnv(env);
  const connection = conn ?? connect(store);
  try {
    await migrate(connection.db);
    const ctx: StoreContext = { conn: connection, now: Date.now, scryptN: DEFAULT_SCRYPT_N };
    switch (command) {
      case 'create-school': {
        if (!values.name || !values.admin) throw new Error('Cần --name và --admin');
        const school = await accounts.createSchool(ctx, values.name);
        const input = createUserRequestSchema.parse({ username: values.admin, fullName: values['admin-name'] ?? values.admin, roles: [{ role: 'admin' }] });
        console.log(`Đã tạo trường "${school.name}" (mã ${school.id}).`);
        printActivation(await accounts.createUser(ctx, school.id, input));
        break;
      }
      case 'create-user': {
        const school = await requireSchool(ctx, values.school);
        if (!values.username || !values.name || !values.roles) throw new Error('Cần --username, --name và --roles');
        const input = createUserRequestSchema.parse({ username: values.username, fullName: values.name, department: values.department ?? '', roles: parseRoles(values.roles) });
        printActivation(await accounts.createUser(ctx, school.id, input));
        break;
      }
      case 'reset-password': {
        const username = positionals[1] ?? values.username;
        if (!username) throw new Error('Cần tên đăng nhập: reset-password <tên>');
        const user = await accounts.findUserByUsername(ctx, username);
        if (!user) throw new Error(`Không có người dùng "${username}"`);
        printActivation(await accounts.resetActivation(ctx, user.schoolId, user.id));
        break;
      }
      case 'list-users': {
        const school = await requireSchool(ctx, values.school);
        for (const user of await accounts.listUsers(ctx, school.id)) {
          const roles = user.roles.map((r) => (r.department ? `${r.role}:${r.department}` : r.role)).join(',');
          console.log(`${user.username.padEnd(16)} ${user.fullName.padEnd(24)} ${roles}${user.active ? '' : ' (đã khoá)'}`);
        }
        break;
      }
      case 'mentors': {
        const school = await requireSchool(ctx, values.school);
        const list = await accounts.listMentorships(ctx, school.id, parseYear(values.year, '--year'));
        console.log(`Năm học ${schoolYearLabel(list.year)}${list.year === list.currentYear ? ' (năm học hiện tại)' : ''}: ${list.mentorships.length} cặp hướng dẫn`);
        for (const pair of list.mentorships) console.log(`  ${pair.mentorName} → ${pair.teacherName}`);
        const others = list.years.filter((y) => y !== list.year);
        if (others.length > 0) console.log(`Các năm học khác: ${others.map(schoolYearLabel).join(', ')}`);
        break;
      }
      case 'add-mentor':
      case 'remove-mentor': {
        const school = await requireSchool(ctx, values.school);
        const mentor = await requireUserOf(ctx, school.id, values.mentor, '--mentor');
        const teacher = await requireUserOf(ctx, school.id, values.teacher, '--teacher');
        const year = parseYear(values.year, '--year') ?? (await accounts.schoolYearNow(ctx, school.id));
        if (command === 'add-mentor') await accounts.addMentorship(ctx, school.id, mentor.id, teacher.id, undefined, year);
        else await accounts.removeMentorship(ctx, school.id, mentor.id, teacher.id, undefined, year);
        console.log(`${command === 'add-mentor' ? 'Đã thêm' : 'Đã bỏ'} cặp ${mentor.fullName} → ${teacher.fullName}, năm học ${schoolYearLabel(year)}.`);
        break;
      }
      case 'copy-mentors': {
        const school = await requireSchool(ctx, values.school);
        const result = await accounts.copyMentorships(ctx, school.id, { from: parseYear(values.from, '--from'), to: parseYear(values.to, '--to') });
        console.log(`Đã chép ${result.copied} cặp hướng dẫn từ năm học ${schoolYearLabel(result.from)} sang ${schoolYearLabel(result.to)}.`);
        break;
      }
      case 'backup': {
        if (connection.kind !== 'sqlite' || !connection.sqlite) throw new Error('Lệnh backup dành cho SQLite; với PostgreSQL hãy dùng pg_dump (xem docs/deploy.md).');
        const dataDir = store.dataDir ?? 'data';
        const out = path.resolve(values.out ?? path.join(dataDir, 'backups', `so-boi-duong-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));
        mkdirSync(path.dirname(out), { recursive: true });
        // SQLite's online backup API: consistent copy while the server keeps writing.
        await connection.sqlite.backup(out);
        console.log(`Đã sao lưu vào ${out}`);
        break;
      }
      case 'export-pdf': {
        const { exportPdfCommand } = await import('./pdf/exportPdfCommand.ts');
        console.log(await exportPdfCommand(ctx, values));
        break;
      }
      case 'demo': {
        const { logins, created } = await seedDemo(ctx);
        console.log(created ? 'Đã tạo trường demo.' : 'Trường demo đã có sẵn.');
        console.log('Tài khoản demo (tên đăng nhập / mật khẩu):');
        for (const login of logins) console.log(`  ${login.username.padEnd(12)} ${login.password}   — ${login.who}`);
        break;
      }
    }
    return 0;
  } catch (error) {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    console.error(`Lỗi: ${message}`);
    return 1;
  } finally {
    if (!conn) await connection.close();
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  process.exitCode = await runCli(process.argv.slice(2));
}
