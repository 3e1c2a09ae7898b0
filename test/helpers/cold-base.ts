/**
 * A cold-call base of `rows` rows: every 10th has an unusable phone (rejected), every other row a
 * distinct phone from `firstPhone` on, so the expected counts are known.
 */
export function coldBaseCsv(rows: number, firstPhone = 1): { csv: string; created: number; rejected: number; phones: string[] } {
  const lines = ['Имя;Телефон;Компания'];
  const phones: string[] = [];
  for (let i = 1; i <= rows; i++) {
    if (i % 10 === 0) {
      lines.push(`Bad ${i};12-34;Фирма ${i}`);
      continue;
    }
    const phone = `+7916${String(firstPhone + i).padStart(7, '0')}`;
    phones.push(phone);
    lines.push(`Клиент ${i};${phone};Фирма ${i}`);
  }
  return { csv: lines.join('\n'), created: phones.length, rejected: rows - phones.length, phones };
}
