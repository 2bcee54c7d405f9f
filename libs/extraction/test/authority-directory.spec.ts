import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_DIRECTORY, resolveAuthority } from '#extraction';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('AUTHORITY_DIRECTORY', () => {
  it('is generated from seeds/local-authorities.csv and has not drifted from it', () => {
    // The generator's --check mode compares the committed file with a fresh rendering and exits 1 on any difference.
    expect(() =>
      execFileSync(process.execPath, ['scripts/generate-authority-directory.js', '--check'], { cwd: REPO_ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('has one row per CSV row, with the CSV’s ONS codes in order', () => {
    const csvRows = readFileSync(`${REPO_ROOT}seeds/local-authorities.csv`, 'utf8').trim().split(/\r?\n/).slice(1);
    const onsCodes = csvRows.map((row) => /,(E\d{8}),/.exec(row)?.[1]);
    expect(AUTHORITY_DIRECTORY).toHaveLength(156);
    expect(AUTHORITY_DIRECTORY.map((entry) => entry.onsCode)).toEqual(onsCodes);
    expect(new Set(AUTHORITY_DIRECTORY.map((entry) => entry.onsCode)).size).toBe(156);
  });

  it('parses quoted names and alias lists', () => {
    expect(AUTHORITY_DIRECTORY.find((entry) => entry.onsCode === 'E06000010')).toEqual({
      ofstedUrn: '80477',
      dfeLaCode: '810',
      onsCode: 'E06000010',
      name: 'Kingston Upon Hull, City of',
      alsoKnownAs: ['Kingston Upon Hull', 'Hull'],
      region: 'Yorkshire and the Humber',
      authorityType: 'Unitary Authority',
    });
  });
});

describe('resolveAuthority', () => {
  it.each([
    ['Waltham Forest', 'E09000031'],
    ['London Borough of Waltham Forest', 'E09000031'],
    ['LONDON BOROUGH OF WALTHAM FOREST', 'E09000031'],
    ['Kingston upon Hull', 'E06000010'],
    ['Hull City Council', 'E06000010'],
    ['City of Kingston upon Hull', 'E06000010'],
    ['Bristol, City of', 'E06000023'],
    ['Bristol City Council', 'E06000023'],
    ['City of York Council', 'E06000014'],
    ['Durham County Council', 'E06000047'],
    ['County Durham', 'E06000047'],
    ['Royal Borough of Kingston upon Thames', 'E09000021'],
    ['Royal Borough of Windsor & Maidenhead', 'E06000040'],
    ['Telford & Wrekin Council', 'E06000020'],
    ['Rochdale Metropolitan Borough Council', 'E08000005'],
    ['Wakefield District Metropolitan Council', 'E08000036'],
    ['Cheshire East Unitary Authority', 'E06000049'],
    ['St Helens Council', 'E08000013'],
    ['Southend on Sea City Council', 'E06000033'],
    ['Bedford Borough Council', 'E06000055'],
    ['City of Wolverhampton', 'E08000031'],
    ['Isle of Wight Council', 'E06000046'],
    ['the Isle of Wight', 'E06000046'],
    ['BCP', 'E06000058'],
    ['Brighton & Hove City Council', 'E06000043'],
  ])('%s → %s', (name, onsCode) => {
    expect(resolveAuthority(name)?.onsCode).toBe(onsCode);
  });

  it.each(['', 'London', 'Ofsted', 'Manchester City Football Club', 'Northern Ireland', 'x'.repeat(500)])('does not resolve %j', (name) => {
    expect(resolveAuthority(name)).toBeNull();
  });

  it('keeps neighbours with similar names apart', () => {
    expect(resolveAuthority('North Northamptonshire Council')?.onsCode).toBe('E06000061');
    expect(resolveAuthority('West Northamptonshire Council')?.onsCode).toBe('E06000062');
    expect(resolveAuthority('Kingston upon Thames')?.onsCode).toBe('E09000021');
    expect(resolveAuthority('Kingston upon Hull City Council')?.onsCode).toBe('E06000010');
  });
});
