/// Every size and count the event log accepts or processes at once, in one place.
/// Units last in names (`…BytesMax`, `…EventsMax`).
public enum Limits {
    /// Events in one atomic append.
    public static let batchEventsMax = 10_000
    /// Events in one atomic append when the caller names no size (`grassroots append --batch-size`). Larger
    /// batches commit less often but hold more dirty pages: LMDB keeps each page a batch touches in memory
    /// until the commit, so memory follows the pages a batch touches.
    public static let batchEventsDefault = 1_000
    /// Canonical bytes of one event (envelope and payload).
    public static let eventBytesMax = 64 * 1024
    /// Events returned by one read call (`events(from:)`, by stream, by subject); callers page.
    public static let readEventsMax = 10_000
    /// UTF-8 bytes of a stream id, subject id, idempotency key or actor.
    public static let identifierBytesMax = 200
    /// UTF-8 bytes of an event type name.
    public static let typeBytesMax = 64
    /// Subjects named by one event.
    public static let subjectsPerEventMax = 32
    /// Nesting depth of an event's payload.
    public static let payloadDepthMax = 16
    /// Events a rebuild's decoding thread hands over at a time, and chunks it may decode ahead of the
    /// thread applying them (bounds the memory a rebuild holds in decoded events).
    public static let replayChunkEvents = 256
    public static let replayChunksAheadMax = 16
    /// Named LMDB databases a ledger may hold: the log's and its hook's tables.
    public static let databasesMax = 64
    /// Table entries one event's hook may write, as learned by `HookTables.capturingWrites`.
    public static let capturedWritesMax = 100_000
    /// Stored versions one read of a hook's table may pass over (older or newer versions of the keys it reads,
    /// and deleted keys); a read that would pass more reports damaged tables rather than run without end.
    public static let versionsWalkedMax = 10_000_000
    /// Values one transaction's `TableMemo` keeps; past it the memo starts afresh.
    public static let memoEntriesMax = 65_536
    /// Ids inspected when counting streams and subjects for statistics.
    public static let statsScanEntriesMax = 10_000_000
    /// Events whose subject-index entries the migration from storage format 1 gathers, sorts and writes at a
    /// time (all in its one transaction; this bounds the entries held in memory, not the transaction).
    public static let migrationChunkEvents = 65_536
    /// Events a rebuild replays into its scratch environment between two of its commits (`BulkRebuild.swift`):
    /// bounds the decoded events held, the pages a scratch transaction keeps dirty in memory and the work a retry
    /// repeats after the scratch map grew. 512 to 65,536 were measured (`docs/PERFORMANCE.md`).
    public static let bulkEventsPerCommit = 2_048
    /// The largest map of a rebuild's scratch environment (it starts at a quarter of the ledger's size and doubles).
    public static let scratchMapBytesMax = 1 << 40
}
