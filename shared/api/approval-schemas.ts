import * as z from 'zod/mini';

export const rejectAllocationBody = z.strictObject({
  reason: z
    .string({ error: 'must say why the allocation is rejected' })
    .check(
      z.trim(),
      z.minLength(3, { error: 'must say why the allocation is rejected (at least 3 characters)' }),
      z.maxLength(500, { error: 'must be at most 500 characters' }),
    ),
});
