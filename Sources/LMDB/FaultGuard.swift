import CFaultGuard

/// The guard that turns a fault while reading a damaged `data.mdb` (SIGSEGV or SIGBUS at an address inside
/// an open environment's map, or a liblmdb assertion) into a message on stderr and exit status 4, instead of
/// death by a signal. A fault anywhere else is left to kill the process as before: that is a bug, not damage.
/// A program installs it once (the command line does); libraries and tests that do not are unchanged.
public enum FaultGuard {
    /// `fault` may name {path}, {page} and {signal}; `assertion` {path} and {reason}.
    public static func install(fault: String, assertion: String) {
        grassroots_guard_install(fault, assertion)
    }
}
