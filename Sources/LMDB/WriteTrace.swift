import Synchronization

/// A copy of every write committed through an environment, kept only when asked for
/// (`EnvironmentOptions.trace`). A benchmark replays it into bare LMDB to measure what the same writes
/// cost without the layers above (`grassroots-bench --governance`). Writes of a transaction that aborts,
/// or that runs again after the map grew, are dropped; only committed ones are kept.
public final class WriteTrace: Sendable {
    public enum Operation: Sendable, Equatable {
        /// A put; `cursor` is true when it went through a write cursor (sorted puts on one cursor).
        case put(database: String, key: [UInt8], value: [UInt8], flags: PutFlags, cursor: Bool)
        /// A delete that removed an entry.
        case delete(database: String, key: [UInt8])
        /// Every entry of the database removed.
        case clear(database: String)
    }

    /// Operations held before a caller takes them; past this the trace stops the process rather than grow
    /// without bound (a trace is for benchmarks, which take it after every transaction).
    public static let operationsMax = 16_000_000

    private struct State {
        var committed: [Operation] = []
        var pending: [Operation] = []
        var stopped = false
    }
    private let state = Mutex(State())

    public init() {}

    /// Returns the committed operations, oldest first, and forgets them.
    public func take() -> [Operation] {
        state.withLock { state in
            defer { state.committed = [] }
            return state.committed
        }
    }

    /// Records nothing more (for example before a rebuild, whose one transaction would not fit).
    public func stop() {
        state.withLock { state in
            state.stopped = true
            state.pending.removeAll()
        }
    }

    /// Records again after `stop`.
    public func resume() {
        state.withLock { $0.stopped = false }
    }

    func record(_ operation: Operation) {
        state.withLock { state in
            guard !state.stopped else { return }
            precondition(state.committed.count + state.pending.count < Self.operationsMax,
                         "write trace holds \(Self.operationsMax) operations; take them after each transaction")
            state.pending.append(operation)
        }
    }

    func commitPending() {
        state.withLock { state in
            state.committed += state.pending
            state.pending.removeAll(keepingCapacity: true)
        }
    }

    func discardPending() {
        state.withLock { $0.pending.removeAll(keepingCapacity: true) }
    }
}
