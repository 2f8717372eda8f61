import { describe, expect, it } from 'vitest';

import { banjarmasinKecamatan } from '../../../shared/regions/banjarmasin.ts';
import { banjarmasinKelurahan, banjarmasinRegions } from '../../../shared/regions/banjarmasin-kelurahan.ts';
import { loadCityRegions, loadKelurahan } from '../../../shared/regions/load-city-regions.ts';
import {
  normaliseCityCode,
  normaliseKecamatanCode,
  normaliseKelurahanCode,
} from '../../../shared/regions/region-codes.ts';
import { timeZoneOfProvince } from '../../../shared/regions/time-zones.ts';

describe('the committed Banjarmasin kelurahan list', () => {
  it('equals what idn-area-data lists for 63.71, names and order included', async () => {
    // Act
    const fromPackage = await loadKelurahan('63.71');
    // Assess
    expect(banjarmasinKelurahan).toEqual(fromPackage);
  });

  it('has the 52 kelurahan of Banjarmasin', () => {
    expect(banjarmasinKelurahan).toHaveLength(52);
  });

  it('covers exactly the kecamatan the city is seeded with', () => {
    expect([...banjarmasinRegions.kelurahanByKecamatan.keys()].sort()).toEqual(
      banjarmasinKecamatan.map((kecamatan) => kecamatan.code).sort(),
    );
  });

  it('gives the same regions as loading them from idn-area-data', async () => {
    expect(await loadCityRegions('63.71')).toEqual(banjarmasinRegions);
  });
});

describe('loadCityRegions', () => {
  it('takes the city code without dots', async () => {
    const regions = await loadCityRegions('6371');

    expect(regions.code).toBe('63.71');
  });

  it("reckons the city's days in its own time zone", async () => {
    expect((await loadCityRegions('63.71')).timeZone).toBe('Asia/Makassar');
  });

  it('refuses a city idn-area-data does not have', async () => {
    await expect(loadCityRegions('63.99')).rejects.toThrow('idn-area-data has no kecamatan for 63.99');
  });

  it('refuses something that is not a city code', async () => {
    await expect(loadCityRegions('Banjarmasin')).rejects.toThrow(/not a kota\/kabupaten code/u);
  });
});

describe('area codes', () => {
  it.each([
    ['63.71.01.1001', '63.71.01.1001'],
    ['6371011001', '63.71.01.1001'],
    ['6371.01.1001', '63.71.01.1001'],
  ])('normalises the kelurahan code %s to %s', (text, dotted) => {
    expect(normaliseKelurahanCode(text)).toBe(dotted);
  });

  it.each(['63.71.01.101', '63.71.01.10011', '63-71-01-1001', '63.71.01', ''])(
    'refuses the kelurahan code "%s"',
    (text) => {
      expect(normaliseKelurahanCode(text)).toBeUndefined();
    },
  );

  it.each([
    ['63.71.01', '63.71.01'],
    ['637101', '63.71.01'],
  ])('normalises the kecamatan code %s to %s', (text, dotted) => {
    expect(normaliseKecamatanCode(text)).toBe(dotted);
  });

  it('refuses a kelurahan code given as a kecamatan', () => {
    expect(normaliseKecamatanCode('6371011001')).toBeUndefined();
  });

  it('normalises a city code', () => {
    expect(normaliseCityCode('6371')).toBe('63.71');
  });
});

describe('timeZoneOfProvince', () => {
  it.each([
    ['63.71', 'Asia/Makassar'],
    ['31.71', 'Asia/Jakarta'],
    ['61.71', 'Asia/Pontianak'],
    ['91.71', 'Asia/Jayapura'],
    ['51.71', 'Asia/Makassar'],
  ])('puts %s in %s', (code, zone) => {
    expect(timeZoneOfProvince(code)).toBe(zone);
  });
});
