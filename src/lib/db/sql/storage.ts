/**
 * Where the app's tables live. DuckDB keeps an in-memory database uncompressed unless it is attached
 * with COMPRESS; compressed, a 1M-row referrals table takes about a third of the memory, and a filter on
 * a dictionary-encoded column (area, provider, category…) is checked once per distinct value, so the
 * Capacity view's per-area queries run 3–5× faster (docs/benchmarks.md). Writing costs more: about
 * 1 s per million referrals at load. The stage of an upload is a TEMP table (ingest.ts), which stays
 * uncompressed, so only the rows kept pay it.
 *
 * FSST on its own, and the float codecs (ALP, Chimp, Patas) are turned off: analysing every column
 * for them doubled the write time for no gain on these extracts (short codes and categories, which
 * dictionary encoding covers; few floats).
 */
export const STORAGE_DATABASE = 'fairshare';

export const STORAGE_SQL = `ATTACH ':memory:' AS ${STORAGE_DATABASE} (COMPRESS);
USE ${STORAGE_DATABASE};
SET disabled_compression_methods = 'fsst,chimp,patas,alp,alprd';`;

/**
 * DuckDB's own in-memory database, uncompressed: for a table written once and read once, as the demo's Arrow
 * stage (ingest/load-arrow.ts), writing it there skips the compression its rows would pay in the app's
 * database (the demo's 300,000 referrals: about 0.4 s against 1.4 s).
 */
export const SCRATCH_DATABASE = 'memory';

/** DuckDB's memory limit (as text, e.g. '3.1 GiB') and the bytes it holds now. */
export const engineMemorySql = `SELECT current_setting('memory_limit') AS memory_limit,
  (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory())::DOUBLE AS used`;
