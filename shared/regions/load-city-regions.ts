import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { CsvRecordParser } from '../csv/csv-record-parser.ts';
import { utf8Text } from '../csv/utf8-text.ts';
import { cityRegionsOf, type CityRegions, type Kelurahan } from './city-regions.ts';
import { normaliseCityCode } from './region-codes.ts';
import { timeZoneOfProvince } from './time-zones.ts';

export interface AreaDataOptions {
  /** Directory holding idn-area-data's districts.csv and villages.csv; the installed package by default. */
  readonly dataDirectory?: string;
}

/**
 * Reads one city's kecamatan and kelurahan from the idn-area-data package (Kemendagri codes;
 * data under the Open Database License, node_modules/idn-area-data/data/LICENSE.md). For the
 * local runtime and the CLI: a Lambda carries a generated list such as `banjarmasin-kelurahan.ts`
 * instead of node_modules.
 */
export async function loadCityRegions(
  cityCode: string,
  options: AreaDataOptions & { readonly timeZone?: string } = {},
): Promise<CityRegions> {
  const city = normaliseCityCode(cityCode);
  if (city === undefined) throw new Error(`${cityCode} is not a kota/kabupaten code such as 63.71`);
  const kecamatan = await readAreaCsv(areaFile('districts.csv', options), (row) => row.parent === city);
  if (kecamatan.length === 0) throw new Error(`idn-area-data has no kecamatan for ${city}`);
  const kelurahan = await loadKelurahan(city, options);
  const timeZone = options.timeZone ?? timeZoneOfProvince(city);
  return cityRegionsOf(
    city,
    timeZone,
    kelurahan,
    kecamatan.map((row) => row.code),
  );
}

/** The kelurahan/desa of a city (dotted code `63.71`) in the package's order, with their names. */
export async function loadKelurahan(cityCode: string, options: AreaDataOptions = {}): Promise<Kelurahan[]> {
  const rows = await readAreaCsv(areaFile('villages.csv', options), (row) => row.parent.startsWith(`${cityCode}.`));
  return rows.map((row) => ({ code: row.code, kecamatan: row.parent, name: row.name }));
}

function areaFile(name: string, options: AreaDataOptions): string {
  const directory =
    options.dataDirectory ??
    join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  return join(directory, name);
}

interface AreaRow {
  readonly code: string;
  readonly parent: string;
  readonly name: string;
}

/** districts.csv is `code,regency_code,name`, villages.csv `code,district_code,name`; names may be quoted. */
async function readAreaCsv(path: string, keep: (row: AreaRow) => boolean): Promise<AreaRow[]> {
  const kept: AreaRow[] = [];
  let header = true;
  const parser = new CsvRecordParser(({ fields: [code = '', parent = '', name = ''] }) => {
    const row = { code, parent, name };
    if (!header && keep(row)) kept.push(row);
    header = false;
  });
  for await (const text of utf8Text(createReadStream(path), () => {})) parser.push(text);
  parser.end();
  return kept;
}
