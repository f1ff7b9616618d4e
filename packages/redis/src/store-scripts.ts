/**
 * The store's state machine, one Lua script per transition so each is atomic in Redis.
 * A key holds `claim:<token>` while a delivery is processed (expiring with the lease) and `done`
 * once it was processed (expiring with the retention TTL).
 */

/** KEYS[1] key; ARGV[1] token, ARGV[2] lease ms → 'claimed' | 'duplicate' | 'in-flight'. */
export const CLAIM = `
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 'claimed'
end
if current == 'done' then return 'duplicate' end
return 'in-flight'
`;

/**
 * KEYS[1] key; ARGV[1] token, ARGV[2] retention ms → 1 if marked done.
 * Marks done when the claim is still ours, or when it expired and nobody took it (the handlers did
 * succeed). A claim re-taken by another instance after ours expired is left alone: that instance
 * is processing the delivery and will complete or release it.
 */
export const COMPLETE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or not current then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS[1] key; ARGV[1] token → 1 if the claim was ours and is gone. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
