import { Transform } from 'class-transformer';

/** `?status=a,b` and `?status=a&status=b` both arrive as ['a', 'b']. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean),
  );

/** Query strings carry text: only 'true' and 'false' are booleans; anything else fails validation. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value));

export const QueryInteger = () => Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value));
