import LMDB

/// The event log's door to the LMDB layer's fault guard (see `FaultGuard`): a program that opens ledgers
/// installs it once, with its messages, so that a damaged file exits 4 with the page named.
public enum DamageGuard {
    /// `fault` may name {path}, {page} and {signal}; `assertion` {path} and {reason}.
    public static func install(fault: String, assertion: String) {
        FaultGuard.install(fault: fault, assertion: assertion)
    }
}
