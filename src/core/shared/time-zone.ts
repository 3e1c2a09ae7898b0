/**
 * Reads a time zone as people type it: an IANA name in any case (`asia/vladivostok`), a city
 * (`Новосибирск`, `novosibirsk`, `New York`), or an offset (`+7`, `UTC+10`, `GMT-5`, `МСК+7`).
 * Pure Intl, so it runs the same on Node and Workers. Returns the canonical IANA name, or null.
 */
export function resolveTimeZone(input: string): string | null {
  const text = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!text || text.length > 64) return null;
  const key = text.toLowerCase().replace(/ё/g, 'е');
  if (CITY_ZONES[key]) return canonical(CITY_ZONES[key]);
  const offset = offsetZone(key);
  if (offset !== undefined) return offset;
  const direct = canonical(text);
  if (direct) return direct;
  // "novosibirsk", "new york": try the city under each IANA area, spelt the way the database spells it.
  if (!/^[a-z][a-z .'-]*$/.test(key)) return null;
  const city = key.split(/[ ]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('_');
  for (const area of AREAS) {
    const zone = canonical(`${area}/${city}`);
    if (zone) return zone;
  }
  return null;
}

/** The zone Intl knows under this name, spelt canonically; null when it knows none. */
function canonical(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Whole-hour offsets as Etc/GMT zones, whose sign is inverted by the IANA convention (UTC+3 is
 * Etc/GMT-3). "МСК+7" counts from Moscow (UTC+3), as Russian timetables do. Half-hour offsets
 * have no Etc zone: the member names a city instead.
 */
function offsetZone(key: string): string | null | undefined {
  const m = /^(utc|gmt|мск|msk)? ?([+-]) ?(\d{1,2})(?::?00)?$/.exec(key) ?? /^(utc|gmt|мск|msk)$/.exec(key);
  if (!m) return undefined;
  const base = m[1] === 'мск' || m[1] === 'msk' ? 3 : 0;
  const hours = base + (m[2] ? (m[2] === '-' ? -1 : 1) * Number(m[3]) : 0);
  if (hours < -12 || hours > 14) return null;
  if (hours === 0) return 'UTC';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

const AREAS = ['Europe', 'Asia', 'America', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian'];

/** Cities that are not zone names themselves, and Russian spellings of those that are. */
const CITY_ZONES: Record<string, string> = {
  москва: 'Europe/Moscow', 'санкт-петербург': 'Europe/Moscow', петербург: 'Europe/Moscow', спб: 'Europe/Moscow',
  'saint petersburg': 'Europe/Moscow', 'st petersburg': 'Europe/Moscow', казань: 'Europe/Moscow', kazan: 'Europe/Moscow',
  'нижний новгород': 'Europe/Moscow', 'ростов-на-дону': 'Europe/Moscow', краснодар: 'Europe/Moscow', krasnodar: 'Europe/Moscow',
  калининград: 'Europe/Kaliningrad', самара: 'Europe/Samara', волгоград: 'Europe/Volgograd', саратов: 'Europe/Saratov',
  екатеринбург: 'Asia/Yekaterinburg', ekaterinburg: 'Asia/Yekaterinburg', пермь: 'Asia/Yekaterinburg', perm: 'Asia/Yekaterinburg',
  уфа: 'Asia/Yekaterinburg', ufa: 'Asia/Yekaterinburg', челябинск: 'Asia/Yekaterinburg', тюмень: 'Asia/Yekaterinburg',
  омск: 'Asia/Omsk', новосибирск: 'Asia/Novosibirsk', барнаул: 'Asia/Barnaul', томск: 'Asia/Tomsk',
  красноярск: 'Asia/Krasnoyarsk', кемерово: 'Asia/Novokuznetsk', иркутск: 'Asia/Irkutsk', якутск: 'Asia/Yakutsk',
  чита: 'Asia/Chita', владивосток: 'Asia/Vladivostok', хабаровск: 'Asia/Vladivostok', khabarovsk: 'Asia/Vladivostok',
  магадан: 'Asia/Magadan', сахалин: 'Asia/Sakhalin', 'южно-сахалинск': 'Asia/Sakhalin', камчатка: 'Asia/Kamchatka',
  'петропавловск-камчатский': 'Asia/Kamchatka', kamchatka: 'Asia/Kamchatka',
  минск: 'Europe/Minsk', алматы: 'Asia/Almaty', астана: 'Asia/Almaty', astana: 'Asia/Almaty', ташкент: 'Asia/Tashkent',
  бишкек: 'Asia/Bishkek', тбилиси: 'Asia/Tbilisi', ереван: 'Asia/Yerevan', баку: 'Asia/Baku', дубай: 'Asia/Dubai',
  стамбул: 'Europe/Istanbul', лондон: 'Europe/London', берлин: 'Europe/Berlin', париж: 'Europe/Paris',
  'нью-йорк': 'America/New_York',
};
