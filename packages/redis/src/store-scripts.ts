/**
 * The store's state machine, one Lua script per transition so each is atomic in Redis (and in a
 * Redis Cluster: every script touches one key). A key holds `claim:<token>` while a delivery is
 * processed (expiring with the lease) and `done` once it was processed (expiring with the
 * retention TTL). "Ours or free" below: the key holds our token, or nothing (our lease expired and
 * nobody took it).
 */

/** KEYS[1] key; ARGV[1] value `claim:<token>`, ARGV[2] lease ms → 'claimed' | 'duplicate' | 'in-flight'. */
export const CLAIM = `
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 'claimed'
end
if current == 'done' then return 'duplicate' end
return 'in-flight'
`;

/** KEYS[1] key; ARGV[1] value `claim:<token>`, ARGV[2] retention ms → 1 if marked done (ours or free), 0 if lost. */
export const COMPLETE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or not current then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS[1] key; ARGV[1] value `claim:<token>` → 1 if freed (ours or free), 0 if lost. */
export const RELEASE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
if not current then return 1 end
return 0
`;

/** KEYS[1] key; ARGV[1] value `claim:<token>`, ARGV[2] lease ms → 1 if the lease restarted (ours or free), 0 if lost. */
export const EXTEND = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] or not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/**
 * The stale-event guard's compare-and-raise. KEYS[1] mark key; ARGV[1] occurrence time (ms since the
 * epoch, an integer), ARGV[2] retention ms → 'stale' when a later time is recorded (nothing changes),
 * else records the time, restarts the retention and answers 'latest' (an equal time is latest).
 */
export const MARK_LATEST = `
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current > tonumber(ARGV[1]) then return 'stale' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'latest'
`;
