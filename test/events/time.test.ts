import { describe, expect, it } from 'vitest';
import { isOpenEnded, parseRteTime } from '../../src/index.ts';

describe('parseRteTime', () => {
  it("reads a UTC time with .NET's 7 fractional digits, keeping milliseconds", () => {
    expect(parseRteTime('2023-10-19T14:21:19.7009158Z')?.toISOString()).toBe('2023-10-19T14:21:19.700Z');
  });

  it('treats a time without a zone suffix as UTC, not local time', () => {
    expect(parseRteTime('2024-03-05T08:30:00')?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
    expect(parseRteTime('2024-03-05T08:30:00.5')?.toISOString()).toBe('2024-03-05T08:30:00.500Z');
  });

  it('applies an explicit offset', () => {
    expect(parseRteTime('2024-03-05T10:30:00+02:00')?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
    expect(parseRteTime('2024-03-05T06:30:00-0200')?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
  });

  it('reads a date without a time as midnight UTC', () => {
    expect(parseRteTime('2024-03-05')?.toISOString()).toBe('2024-03-05T00:00:00.000Z');
  });

  it.each([
    ['0001-01-01T00:00:00', 'DateTime.MinValue'],
    ['0001-01-01T00:00:00Z', 'DateTime.MinValue with a zone'],
    ['0001-01-01T00:00:00.0000000+00:00', 'DateTimeOffset.MinValue'],
  ])('gives null for %s (%s: no value)', (value) => {
    expect(parseRteTime(value)).toBeNull();
  });

  it.each([null, undefined, '', 'soon', '2024-13-01T00:00:00', '2023-02-30T00:00:00', '2024-03-05T25:00:00'])(
    'gives null for %j',
    (value) => {
      expect(parseRteTime(value)).toBeNull();
    },
  );

  it('reads DateTime.MaxValue as a real date in year 9999, later than any other', () => {
    const end = parseRteTime('9999-12-31T23:59:59.9999999');
    expect(end?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(end && end > new Date('2200-01-01T00:00:00Z')).toBe(true);
  });

  it('keeps years below 100 as they are', () => {
    expect(parseRteTime('0050-06-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
  });
});

describe('isOpenEnded', () => {
  it('is true for DateTime.MaxValue, as a Date or as the wire string, in any zone', () => {
    expect(isOpenEnded(parseRteTime('9999-12-31T23:59:59.9999999'))).toBe(true);
    expect(isOpenEnded('9999-12-31T23:59:59.9999999')).toBe(true);
    expect(isOpenEnded('9999-12-31T23:59:59.9999999-05:00')).toBe(true);
    expect(isOpenEnded('9999-12-31T21:59:59+02:00')).toBe(true);
  });

  it('is false for ordinary times and for no value', () => {
    expect(isOpenEnded(new Date('2024-05-01T12:00:00Z'))).toBe(false);
    expect(isOpenEnded('2024-05-01T12:00:00')).toBe(false);
    expect(isOpenEnded('0001-01-01T00:00:00')).toBe(false);
    expect(isOpenEnded(null)).toBe(false);
    expect(isOpenEnded(undefined)).toBe(false);
  });
});
